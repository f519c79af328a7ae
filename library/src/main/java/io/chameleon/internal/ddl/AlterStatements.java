package io.chameleon.internal.ddl;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import static io.chameleon.internal.catalog.Identifiers.quote;
import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.ddl.ParsedDdl.AddColumn;
import io.chameleon.internal.ddl.ParsedDdl.AddIndex;
import io.chameleon.internal.ddl.ParsedDdl.AlterAction;
import io.chameleon.internal.ddl.ParsedDdl.AlterDefault;
import io.chameleon.internal.ddl.ParsedDdl.AlterTable;
import io.chameleon.internal.ddl.ParsedDdl.ConvertCharset;
import io.chameleon.internal.ddl.ParsedDdl.DefaultCharset;
import io.chameleon.internal.ddl.ParsedDdl.DropColumn;
import io.chameleon.internal.ddl.ParsedDdl.DropIndex;
import io.chameleon.internal.ddl.ParsedDdl.IndexSpec;
import io.chameleon.internal.ddl.ParsedDdl.ModifyColumn;
import io.chameleon.internal.ddl.ParsedDdl.Position;
import io.chameleon.internal.ddl.ParsedDdl.RenameColumn;
import io.chameleon.internal.ddl.ParsedDdl.RenameIndex;
import io.chameleon.internal.ddl.ParsedDdl.RenameTable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Translates ALTER TABLE (and what CREATE INDEX and DROP INDEX became) for
 * {@link DdlTranslator}: clause by clause, in statement order, on a working copy of the table,
 * the rename of the table last. One per statement; not thread-safe.
 */
final class AlterStatements {

  private final TranslationWork w;

  AlterStatements(TranslationWork work) {
    this.w = work;
  }

  DdlOutcome alterTable(AlterTable alter) {
    TableRef ref = alter.table();
    w.touched.add(ref);
    Optional<String> pg = w.mapping.apply(ref.schema());
    if (pg.isEmpty()) {
      return DdlOutcome.skip(w.notReplicated(ref), List.of(ref), List.of());
    }
    SourceTable original = w.current(ref).orElseThrow(() -> w.fail("ALTER TABLE " + ref
        + ": the schema model does not know the table", ref));
    if (alter.actions().isEmpty()) {
      return DdlOutcome.skip("no PostgreSQL meaning: " + String.join(", ", alter.ignored()), List.of(ref),
          alter.ignored().stream().map(i -> "ignored: " + i).toList());
    }
    w.notes.addAll(alter.ignored().stream().map(i -> "ignored: " + i).toList());
    SourceTable table = original;
    Optional<TableRef> renameTo = Optional.empty();
    String target = qualified(pg.get(), ref.table());
    for (AlterAction action : alter.actions()) {
      if (action instanceof RenameTable rename) {
        renameTo = Optional.of(rename.to());
      } else {
        table = alterAction(action, table, target, pg.get());
      }
    }
    if (renameTo.isPresent() && !renameTo.get().equals(ref)) {
      TableRef to = renameTo.get();
      w.touched.add(to);
      w.renameTable(table, to, pg.get());
      return w.apply();
    }
    if (w.statements.isEmpty() && table.equals(original)) {
      return DdlOutcome.skip("nothing to do" + (w.notes.isEmpty() ? "" : ": " + String.join("; ", w.notes)),
          List.of(ref), w.notes);
    }
    if (!table.equals(original)) {
      w.put(table);
    }
    return w.apply();
  }

  private SourceTable alterAction(AlterAction action, SourceTable table, String target, String pg) {
    if (action instanceof AddColumn add) {
      return addColumn(add, table, target, pg);
    }
    if (action instanceof DropColumn drop) {
      return dropColumn(drop, table, target, pg);
    }
    if (action instanceof ModifyColumn modify) {
      return modifyColumn(modify, table, target, pg);
    }
    if (action instanceof RenameColumn rename) {
      SourceColumn column = w.existing(table, rename.from());
      if (table.column(rename.to()).isPresent() && !rename.to().equalsIgnoreCase(rename.from())) {
        throw w.fail("RENAME COLUMN " + rename.from() + " TO " + rename.to() + ": the column exists", table.ref());
      }
      w.statements.add("ALTER TABLE " + target + " RENAME COLUMN " + quote(column.name()) + " TO " + quote(rename.to()));
      return w.renameColumn(table, column.name(), rename.to());
    }
    if (action instanceof AlterDefault alterDefault) {
      return alterDefault(alterDefault, table, target);
    }
    if (action instanceof AddIndex add) {
      SourceTable before = table;
      SourceTable after = w.withIndex(table, add.index(), add.ifNotExists(), pg);
      for (SourceIndex index : after.indexes()) {
        if (before.index(index.name()).isEmpty()) {
          w.indexStatements(after, index, target, pg);
        }
      }
      return after;
    }
    if (action instanceof DropIndex drop) {
      return dropIndex(drop, table, target, pg);
    }
    if (action instanceof ParsedDdl.DropConstraint drop) {
      if (table.index(drop.name()).filter(i -> i.kind() == SourceIndex.Kind.UNIQUE).isEmpty()) {
        w.notes.add("DROP CONSTRAINT " + drop.name() + ": no unique key of that name (a CHECK or FOREIGN KEY"
            + " constraint)");
        return table;
      }
      return dropIndex(new DropIndex(drop.name(), false), table, target, pg);
    }
    if (action instanceof RenameIndex rename) {
      return renameIndex(rename, table, pg);
    }
    if (action instanceof DefaultCharset charset) {
      w.javaCharset(charset.charset(), table.ref() + " default charset", table.ref());
      return table.withDefaultCharset(Optional.of(charset.charset()));
    }
    if (action instanceof ConvertCharset convert) {
      Charset java = w.javaCharset(convert.charset(), table.ref().toString(), table.ref());
      List<SourceColumn> columns = new ArrayList<>();
      for (SourceColumn c : table.columns()) {
        columns.add(c.info().charset() == null ? c : c.withInfo(c.info().toBuilder().charset(java).build()));
      }
      w.notes.add("CONVERT TO CHARACTER SET " + convert.charset() + ": text columns decode as " + java.name());
      return table.withColumns(columns).withDefaultCharset(Optional.of(convert.charset()));
    }
    throw new IllegalStateException("unknown ALTER action " + action);
  }

  private SourceTable addColumn(AddColumn add, SourceTable table, String target, String pg) {
    ColumnSpec spec = add.column();
    if (table.column(spec.name()).isPresent()) {
      if (add.ifNotExists()) {
        w.notes.add("column " + spec.name() + " exists: ADD COLUMN IF NOT EXISTS does nothing");
        return table;
      }
      throw w.fail("ADD COLUMN " + spec.name() + ": the column exists in the schema model", table.ref());
    }
    SourceColumn column = w.column(spec, table.defaultCharset().orElse(w.model.charsetOf(table.schema())), table.ref());
    ColumnInfo info = column.info();
    String pgType = w.types.pgType(info);
    StringBuilder sql = new StringBuilder("ALTER TABLE ").append(target).append(" ADD COLUMN ")
        .append(quote(info.name())).append(' ').append(pgType);
    boolean identity = w.identity(column, pgType, table);
    boolean notNull = !info.nullable();
    Optional<String> fill = Optional.empty();
    if (identity) {
      sql.append(" GENERATED BY DEFAULT AS IDENTITY");
      w.notes.add("AUTO_INCREMENT column " + info.name() + " added: PostgreSQL numbers the existing rows in its own order");
    } else if (spec.defaultValue().isPresent()) {
      try {
        Optional<String> value = PgLiterals.renderChecked(spec.defaultValue().get(), info, pgType);
        if (value.isPresent()) {
          sql.append(" DEFAULT ").append(value.get());
        }
        if (spec.defaultValue().get() instanceof DefaultValue.CurrentTimestamp) {
          throw w.fail("ADD COLUMN " + info.name() + " DEFAULT CURRENT_TIMESTAMP: the existing rows take the time"
              + " of the ALTER on the source, which replay cannot know to the microsecond; re-sync the table",
              table.ref());
        }
      } catch (PgLiterals.Untranslatable e) {
        if (!e.zeroDate()) {
          throw w.fail("ADD COLUMN " + info.name() + ": " + e.getMessage()
              + "; the existing rows would differ from the source", table.ref());
        }
        notNull = false;
        w.notes.add("column " + info.name() + ": zero-date default: nullable in PostgreSQL, existing rows NULL");
      }
    } else if (notNull && !spec.generated()) {
      Optional<DefaultValue> implicit = PgLiterals.implicitDefault(info);
      if (implicit.isPresent()) {
        try {
          fill = PgLiterals.renderChecked(implicit.get(), info, pgType);
        } catch (PgLiterals.Untranslatable e) {
          notNull = false;
          w.notes.add("column " + info.name() + ": NOT NULL with a zero date for existing rows: nullable in PostgreSQL");
        }
      }
    }
    fill.ifPresent(value -> sql.append(" DEFAULT ").append(value));
    if (notNull) {
      sql.append(" NOT NULL");
    }
    if (spec.generated()) {
      w.notes.add(TranslationWork.generatedNote(info.name()));
    }
    w.statements.add(sql.toString());
    fill.ifPresent(value -> w.statements.add("ALTER TABLE " + target + " ALTER COLUMN " + quote(info.name())
        + " DROP DEFAULT"));
    SourceTable after = table.withColumns(placed(table.columns(), column, add.position(), table));
    return inlineKeys(spec, after, target, pg);
  }

  private SourceTable inlineKeys(ColumnSpec spec, SourceTable table, String target, String pg) {
    SourceTable after = table;
    if (spec.primaryKey()) {
      after = w.withIndex(after, new IndexSpec(Optional.of(SourceIndex.PRIMARY), SourceIndex.Kind.PRIMARY,
          List.of(new SourceIndex.Part(spec.name(), 0))), false, pg);
      w.indexStatements(after, after.primaryKey().orElseThrow(), target, pg);
    }
    if (spec.unique()) {
      SourceTable before = after;
      after = w.withIndex(after, new IndexSpec(Optional.empty(), SourceIndex.Kind.UNIQUE,
          List.of(new SourceIndex.Part(spec.name(), 0))), false, pg);
      for (SourceIndex index : after.indexes()) {
        if (before.index(index.name()).isEmpty()) {
          w.indexStatements(after, index, target, pg);
        }
      }
    }
    return after;
  }

  /** Columns with one added or moved: at the end, FIRST, or AFTER a column. */
  private List<SourceColumn> placed(List<SourceColumn> columns, SourceColumn column, Optional<Position> position,
      SourceTable table) {
    List<SourceColumn> list = new ArrayList<>(columns);
    if (position.isEmpty()) {
      list.add(column);
    } else if (position.get().after().isEmpty()) {
      list.add(0, column);
    } else {
      String after = position.get().after().get();
      int at = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).name().equalsIgnoreCase(after)) {
          at = i;
        }
      }
      if (at < 0) {
        throw w.fail("AFTER " + after + ": the table has no such column", table.ref());
      }
      list.add(at + 1, column);
    }
    return list;
  }

  private SourceTable dropColumn(DropColumn drop, SourceTable table, String target, String pg) {
    Optional<SourceColumn> found = table.column(drop.column());
    if (found.isEmpty()) {
      if (drop.ifExists()) {
        w.notes.add("column " + drop.column() + " does not exist: DROP COLUMN IF EXISTS does nothing");
        return table;
      }
      throw w.fail("DROP COLUMN " + drop.column() + ": the schema model does not know the column", table.ref());
    }
    String name = found.get().name();
    w.statements.add("ALTER TABLE " + target + " DROP COLUMN " + quote(name));
    List<SourceColumn> columns = new ArrayList<>(table.columns());
    columns.removeIf(c -> c.name().equals(name));
    List<SourceIndex> indexes = new ArrayList<>();
    List<SourceIndex> rebuilt = new ArrayList<>();
    for (SourceIndex index : table.indexes()) {
      if (index.columns().stream().noneMatch(c -> c.equalsIgnoreCase(name))) {
        indexes.add(index);
        continue;
      }
      List<SourceIndex.Part> parts = index.parts().stream().filter(p -> !p.column().equalsIgnoreCase(name)).toList();
      if (!parts.isEmpty()) {
        // PostgreSQL dropped the whole index with the column; MySQL only shortened it
        SourceIndex shorter = index.withParts(parts);
        indexes.add(shorter);
        rebuilt.add(shorter);
      }
    }
    SourceTable after = new SourceTable(table.schema(), table.table(), columns, indexes, table.defaultCharset());
    for (SourceIndex index : rebuilt) {
      w.indexStatements(after, index, target, pg);
    }
    return after;
  }

  private SourceTable modifyColumn(ModifyColumn modify, SourceTable table, String target, String pg) {
    Optional<SourceColumn> found = table.column(modify.oldName());
    if (found.isEmpty()) {
      if (modify.ifExists()) {
        w.notes.add("column " + modify.oldName() + " does not exist: the IF EXISTS clause does nothing");
        return table;
      }
      throw w.fail("column " + modify.oldName() + ": the schema model does not know it", table.ref());
    }
    SourceColumn old = found.get();
    ColumnSpec spec = modify.column();
    String newName = spec.name();
    if (!newName.equalsIgnoreCase(old.name()) && table.column(newName).isPresent()) {
      throw w.fail("CHANGE " + old.name() + " " + newName + ": the column exists", table.ref());
    }
    SourceTable after = table;
    if (!newName.equals(old.name())) {
      w.statements.add("ALTER TABLE " + target + " RENAME COLUMN " + quote(old.name()) + " TO " + quote(newName));
      after = w.renameColumn(after, old.name(), newName);
    }
    SourceColumn column = w.column(spec, table.defaultCharset().orElse(w.model.charsetOf(table.schema())), table.ref());
    boolean inPrimaryKey = table.primaryKey().map(pk -> pk.columns().stream().anyMatch(c -> c.equalsIgnoreCase(old.name())))
        .orElse(false);
    if (inPrimaryKey && column.info().nullable()) {
      column = column.withInfo(column.info().toBuilder().nullable(false).build()); // MySQL keeps key columns NOT NULL
    }
    String col = "ALTER TABLE " + target + " ALTER COLUMN " + quote(newName);
    String oldType = w.types.pgType(old.info());
    String newType = w.types.pgType(column.info());
    boolean typeChanges = !oldType.equals(newType);
    boolean oldIdentity = old.autoIncrement() && PgLiterals.identityCapable(oldType);
    boolean newIdentity = w.identity(column, newType, table);
    Optional<String> newDefault = Optional.empty();
    if (column.defaultValue().isPresent()) {
      try {
        newDefault = PgLiterals.renderChecked(column.defaultValue().get(), column.info(), newType);
      } catch (PgLiterals.Untranslatable e) {
        w.notes.add("column " + newName + ": default dropped: " + e.getMessage());
      }
    }
    if (oldIdentity && !newIdentity) {
      w.statements.add(col + " DROP IDENTITY IF EXISTS");
    }
    boolean defaultDropped = false;
    if (!oldIdentity && (typeChanges || newIdentity || old.defaultValue().isPresent() && newDefault.isEmpty())) {
      w.statements.add(col + " DROP DEFAULT");
      defaultDropped = true;
    }
    if (typeChanges) {
      w.statements.add(col + " TYPE " + newType + " USING " + conversion(quote(newName), oldType, newType));
    } else if (!old.info().labels().equals(column.info().labels())) {
      w.notes.add("column " + newName + ": labels now " + column.info().labels() + "; the PostgreSQL column ("
          + newType + ") is unchanged");
    }
    if (newIdentity && !oldIdentity) {
      w.statements.add(col + " ADD GENERATED BY DEFAULT AS IDENTITY");
    }
    if (old.info().nullable() != column.info().nullable()) {
      w.statements.add(col + (column.info().nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
    }
    if (!newIdentity && newDefault.isPresent()
        && (defaultDropped || !old.defaultValue().equals(column.defaultValue()))) {
      w.statements.add(col + " SET DEFAULT " + newDefault.get());
    }
    SourceColumn replacement = column;
    after = after.withColumn(newName, c -> replacement);
    if (modify.position().isPresent()) {
      List<SourceColumn> others = new ArrayList<>(after.columns());
      others.removeIf(c -> c.name().equalsIgnoreCase(newName));
      after = after.withColumns(placed(others, replacement, modify.position(), table));
    }
    return inlineKeys(spec, after, target, pg);
  }

  /** The USING expression that turns a column of one PostgreSQL type into another. */
  private static String conversion(String column, String from, String to) {
    boolean fromArray = from.strip().endsWith("[]");
    boolean toArray = to.strip().endsWith("[]");
    String fromBase = PgLiterals.baseType(from);
    String toBase = PgLiterals.baseType(to);
    if (toArray && !fromArray) {
      return "CASE WHEN " + column + " IS NULL THEN NULL WHEN " + column + "::text = '' THEN '{}'::" + to
          + " ELSE string_to_array(" + column + "::text, ',')::" + to + " END";
    }
    if (fromArray && !toArray) {
      return "array_to_string(" + column + ", ',')::" + to;
    }
    if (toBase.equals("bytea") && !fromBase.equals("bytea")) {
      return "convert_to(" + column + "::text, 'UTF8')";
    }
    if (fromBase.equals("bytea") && !toBase.equals("bytea")) {
      return "convert_from(" + column + ", 'UTF8')::" + to;
    }
    if (toBase.equals("boolean") && !fromBase.equals("boolean")) {
      return "(" + column + "::numeric <> 0)";
    }
    if (fromBase.equals("boolean") && !toBase.equals("boolean")) {
      return column + "::integer::" + to;
    }
    return column + "::" + to;
  }

  private SourceTable alterDefault(AlterDefault alter, SourceTable table, String target) {
    SourceColumn column = w.existing(table, alter.column());
    String col = "ALTER TABLE " + target + " ALTER COLUMN " + quote(column.name());
    String pgType = w.types.pgType(column.info());
    if (column.autoIncrement() && PgLiterals.identityCapable(pgType)) {
      w.notes.add("column " + column.name() + " is an identity column in PostgreSQL: its default is left alone");
      return table.withColumn(column.name(), c -> c.withDefault(alter.value()));
    }
    Optional<String> value = Optional.empty();
    if (alter.value().isPresent()) {
      try {
        value = PgLiterals.renderChecked(alter.value().get(), column.info(), pgType);
      } catch (PgLiterals.Untranslatable e) {
        w.notes.add("column " + column.name() + ": default dropped: " + e.getMessage());
      }
    }
    w.statements.add(col + value.map(v -> " SET DEFAULT " + v).orElse(" DROP DEFAULT"));
    return table.withColumn(column.name(), c -> c.withDefault(alter.value()));
  }

  private SourceTable dropIndex(DropIndex drop, SourceTable table, String target, String pg) {
    Optional<SourceIndex> found = table.index(drop.name());
    if (found.isEmpty()) {
      if (drop.ifExists()) {
        w.notes.add("index " + drop.name() + " does not exist: DROP ... IF EXISTS does nothing");
        return table;
      }
      if (drop.name().equalsIgnoreCase(SourceIndex.PRIMARY)) {
        throw w.fail("DROP PRIMARY KEY: the schema model knows no primary key of " + table.ref(), table.ref());
      }
      // an index the w.model never saw (a table seeded without its indexes): its derived name, if PostgreSQL has it
      String guess = PgIndexNames.derive(table.table(), drop.name(), n -> false);
      w.statements.add("DROP INDEX IF EXISTS " + qualified(pg, guess));
      w.notes.add("index " + drop.name() + " is not in the schema model: dropped by its derived name if present");
      return table;
    }
    SourceIndex index = found.get();
    if (index.pgName().isPresent()) {
      w.statements.add(index.kind() == SourceIndex.Kind.PRIMARY
          ? "ALTER TABLE " + target + " DROP CONSTRAINT " + quote(index.pgName().get())
          : "DROP INDEX " + qualified(pg, index.pgName().get()));
    }
    List<SourceIndex> indexes = new ArrayList<>(table.indexes());
    indexes.remove(index);
    return table.withIndexes(indexes);
  }

  private SourceTable renameIndex(RenameIndex rename, SourceTable table, String pg) {
    SourceIndex index = table.index(rename.from()).orElseThrow(() -> w.fail("RENAME INDEX " + rename.from()
        + ": the schema model does not know the index", table.ref()));
    if (index.kind() == SourceIndex.Kind.PRIMARY || rename.to().equalsIgnoreCase(SourceIndex.PRIMARY)) {
      throw w.fail("RENAME INDEX of or to PRIMARY", table.ref());
    }
    if (!rename.to().equalsIgnoreCase(rename.from()) && table.index(rename.to()).isPresent()) {
      throw w.fail("RENAME INDEX " + rename.from() + " TO " + rename.to() + ": the name is taken", table.ref());
    }
    Optional<String> pgName = index.pgName();
    if (pgName.isPresent()) {
      SourceTable without = table.withIndexes(table.indexes().stream().filter(i -> i != index).toList());
      Set<String> taken = w.takenNames(pg, without);
      String newName = PgIndexNames.derive(table.table(), rename.to(), taken::contains);
      if (!newName.equals(pgName.get())) {
        w.statements.add("ALTER INDEX " + qualified(pg, pgName.get()) + " RENAME TO " + quote(newName));
      }
      pgName = Optional.of(newName);
    }
    SourceIndex renamed = index.withName(rename.to()).withPgName(pgName);
    return table.withIndexes(table.indexes().stream().map(i -> i == index ? renamed : i).toList());
  }
}
