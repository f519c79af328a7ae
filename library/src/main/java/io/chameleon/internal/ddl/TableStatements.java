package io.chameleon.internal.ddl;

import static io.chameleon.internal.catalog.Identifiers.qualified;
import io.chameleon.internal.ddl.ParsedDdl.CreateTable;
import io.chameleon.internal.ddl.ParsedDdl.CreateTableLike;
import io.chameleon.internal.ddl.ParsedDdl.DropTables;
import io.chameleon.internal.ddl.ParsedDdl.IndexSpec;
import io.chameleon.internal.ddl.ParsedDdl.RenameTables;
import io.chameleon.internal.ddl.ParsedDdl.TruncateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates the statements about whole tables for {@link DdlTranslator}: CREATE TABLE (with
 * OR REPLACE and IF NOT EXISTS), CREATE TABLE ... LIKE, DROP TABLE, TRUNCATE and RENAME TABLE.
 * One per statement; not thread-safe.
 */
final class TableStatements {

  private final TranslationWork w;

  TableStatements(TranslationWork work) {
    this.w = work;
  }

  DdlOutcome createTable(CreateTable create) {
    TableRef ref = create.table();
    w.touched.add(ref);
    Optional<String> pg = w.mapping.apply(ref.schema());
    if (pg.isEmpty()) {
      return DdlOutcome.skip(w.notReplicated(ref), List.of(ref), List.of());
    }
    if (w.current(ref).isPresent() && !create.orReplace()) {
      if (create.ifNotExists()) {
        return DdlOutcome.skip("table " + ref + " exists already (CREATE TABLE IF NOT EXISTS)", List.of(ref), List.of());
      }
      throw w.fail("table " + ref + " exists already in the schema model: the model is stale", ref);
    }
    if (create.orReplace()) {
      w.statements.add("DROP TABLE IF EXISTS " + qualified(pg.get(), ref.table()));
      w.remove(ref);
    }
    Optional<String> tableCharset = create.charset();
    String charset = tableCharset.orElse(w.model.charsetOf(ref.schema()));
    List<SourceColumn> columns = new ArrayList<>();
    for (ColumnSpec spec : create.columns()) {
      columns.add(w.column(spec, charset, ref));
    }
    SourceTable table = new SourceTable(ref.schema(), ref.table(), columns, List.of(), tableCharset);
    List<IndexSpec> keys = new ArrayList<>();
    for (ColumnSpec spec : create.columns()) {
      if (spec.primaryKey()) {
        keys.add(new IndexSpec(Optional.of(SourceIndex.PRIMARY), SourceIndex.Kind.PRIMARY,
            List.of(new SourceIndex.Part(spec.name(), 0))));
      }
      if (spec.unique()) {
        keys.add(new IndexSpec(Optional.empty(), SourceIndex.Kind.UNIQUE, List.of(new SourceIndex.Part(spec.name(), 0))));
      }
    }
    keys.addAll(create.indexes());
    for (IndexSpec key : keys) {
      table = w.withIndex(table, key, false, pg.get());
    }
    w.notes.addAll(create.ignored().stream().map(i -> "ignored: " + i).toList());
    w.createStatements(table, create.columns().stream().filter(ColumnSpec::generated).map(ColumnSpec::name).toList(),
        pg.get());
    w.put(table);
    w.created.add(ref);
    return w.apply();
  }

  DdlOutcome createTableLike(CreateTableLike like) {
    TableRef ref = like.table();
    w.touched.add(ref);
    Optional<String> pg = w.mapping.apply(ref.schema());
    if (pg.isEmpty()) {
      return DdlOutcome.skip(w.notReplicated(ref), List.of(ref), List.of());
    }
    if (w.current(ref).isPresent() && !like.orReplace()) {
      if (like.ifNotExists()) {
        return DdlOutcome.skip("table " + ref + " exists already (CREATE TABLE IF NOT EXISTS)", List.of(ref), List.of());
      }
      throw w.fail("table " + ref + " exists already in the schema model: the model is stale", ref);
    }
    SourceTable source = w.current(like.like()).orElseThrow(() -> w.fail("CREATE TABLE " + ref + " LIKE " + like.like()
        + ": the schema model does not know " + like.like(), ref));
    if (like.orReplace()) {
      w.statements.add("DROP TABLE IF EXISTS " + qualified(pg.get(), ref.table()));
      w.remove(ref);
    }
    SourceTable table = source.renamed(ref).withIndexes(List.of());
    for (SourceIndex index : source.indexes()) {
      table = w.withIndex(table, new IndexSpec(Optional.of(index.name()), index.kind(), index.parts()), false, pg.get());
    }
    w.createStatements(table, List.of(), pg.get());
    w.put(table);
    w.created.add(ref);
    return w.apply();
  }

  DdlOutcome dropTables(DropTables drop) {
    List<TableRef> dropped = new ArrayList<>();
    for (TableRef ref : drop.tables()) {
      Optional<String> pg = w.mapping.apply(ref.schema());
      if (pg.isEmpty()) {
        w.notes.add(w.notReplicated(ref));
        continue;
      }
      w.touched.add(ref);
      dropped.add(ref);
      w.statements.add("DROP TABLE IF EXISTS " + qualified(pg.get(), ref.table()));
      if (w.current(ref).isPresent()) {
        w.remove(ref);
      }
    }
    if (dropped.isEmpty()) {
      return DdlOutcome.skip(String.join("; ", w.notes), drop.tables(), List.of());
    }
    return w.apply();
  }

  DdlOutcome truncate(TruncateTable truncate) {
    TableRef ref = truncate.table();
    w.touched.add(ref);
    Optional<String> pg = w.mapping.apply(ref.schema());
    if (pg.isEmpty()) {
      return DdlOutcome.skip(w.notReplicated(ref), List.of(ref), List.of());
    }
    if (w.current(ref).isEmpty()) {
      throw w.fail("TRUNCATE " + ref + ": the schema model does not know the table", ref);
    }
    w.statements.add("TRUNCATE TABLE " + qualified(pg.get(), ref.table()));
    return w.apply();
  }

  DdlOutcome renameTables(RenameTables rename) {
    List<TableRef> all = new ArrayList<>();
    rename.renames().forEach(r -> {
      all.add(r.from());
      all.add(r.to());
    });
    for (ParsedDdl.Rename pair : rename.renames()) {
      Optional<String> fromPg = w.mapping.apply(pair.from().schema());
      Optional<String> toPg = w.mapping.apply(pair.to().schema());
      if (fromPg.isEmpty() && toPg.isEmpty()) {
        w.notes.add("RENAME " + pair.from() + " TO " + pair.to() + ": not replicated");
        continue;
      }
      List<TableRef> replicated = all.stream().filter(t -> w.mapping.apply(t.schema()).isPresent()).toList();
      if (fromPg.isEmpty()) {
        throw new TranslationWork.Failure("RENAME " + pair.from() + " TO " + pair.to() + " brings a table into the replicated"
            + " schemas: sync it", replicated);
      }
      w.touched.add(pair.from());
      SourceTable table = w.current(pair.from()).orElseThrow(() -> new TranslationWork.Failure("RENAME " + pair.from()
          + ": the schema model does not know the table", replicated));
      try {
        w.renameTable(table, pair.to(), fromPg.get());
      } catch (TranslationWork.Failure e) {
        throw new TranslationWork.Failure(e.getMessage(), replicated);
      }
      w.touched.add(pair.to());
    }
    if (w.statements.isEmpty()) {
      return DdlOutcome.skip(String.join("; ", w.notes), all, List.of());
    }
    return w.apply();
  }
}
