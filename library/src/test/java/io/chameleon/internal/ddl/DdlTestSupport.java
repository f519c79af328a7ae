package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.ColumnInfo;
import io.chameleon.internal.capture.MySqlCharsets;
import io.chameleon.internal.snapshot.PgTypeMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fixture and the compact model description the DDL tests share. */
final class DdlTestSupport {

  /** shop and arch are replicated (into shop_pg and arch_pg); other is not. */
  static final Map<String, String> SCHEMAS = Map.of("shop", "shop_pg", "arch", "arch_pg");
  static final Function<String, Optional<String>> MAPPING = s -> Optional.ofNullable(SCHEMAS.get(s));
  static final DdlTranslator MARIADB = new DdlTranslator(DdlParser.Flavor.MARIADB);

  /** The tables every case starts from, created through the translator itself. */
  static final List<String> FIXTURE = List.of(
      "CREATE TABLE customers (id int unsigned NOT NULL AUTO_INCREMENT, email varchar(100) NOT NULL,"
          + " name varchar(50), status enum('new','active') NOT NULL DEFAULT 'new', PRIMARY KEY (id),"
          + " UNIQUE KEY uq_email (email), KEY idx_name (name(10)))",
      "CREATE TABLE orders (id bigint NOT NULL, customer_id int unsigned NOT NULL,"
          + " total decimal(10,2) NOT NULL DEFAULT 0.00, note text, PRIMARY KEY (id),"
          + " KEY customer_id (customer_id, total))",
      "CREATE TABLE logs (msg varchar(200), at timestamp NULL)",
      "CREATE TABLE arch.old_orders (id bigint NOT NULL PRIMARY KEY, total decimal(10,2))");

  private DdlTestSupport() {}

  static SchemaModel fixture() {
    SchemaModel model = new SchemaModel();
    for (String sql : FIXTURE) {
      DdlOutcome outcome = MARIADB.translate(sql, "shop", model, MAPPING, PgTypeMap.exact());
      if (outcome.kind() != DdlOutcome.Kind.APPLY) {
        throw new IllegalStateException(sql + ": " + outcome);
      }
      model.apply(outcome);
    }
    return model;
  }

  /**
   * A table in one line: {@code col type [charset] [NOT NULL] [AUTO_INCREMENT] [DEFAULT v], ... ;
   * name KIND(parts)=pgName, ...}; the charset is shown when it is not UTF-8, the type as
   * information_schema's COLUMN_TYPE.
   */
  static String describe(SourceTable table) {
    String columns = table.columns().stream().map(DdlTestSupport::describe).collect(Collectors.joining(", "));
    String indexes = table.indexes().stream()
        .map(i -> i.name() + " " + i.kind() + i.parts().stream().map(SourceIndex.Part::toString)
            .collect(Collectors.joining(",", "(", ")")) + "=" + i.pgName().orElse("-"))
        .collect(Collectors.joining(", "));
    return columns + "; " + indexes + table.defaultCharset().map(c -> "; charset " + c).orElse("");
  }

  private static String describe(SourceColumn column) {
    ColumnInfo info = column.info();
    StringBuilder s = new StringBuilder(info.name()).append(' ').append(PgTypeMap.mysqlType(info));
    if (info.charset() != null && !info.charset().equals(StandardCharsets.UTF_8)) {
      s.append(' ').append(info.charset().equals(MySqlCharsets.LATIN1) ? "latin1" : info.charset().name());
    }
    if (info.json()) {
      s.append(" json");
    }
    if (!info.nullable()) {
      s.append(" NOT NULL");
    }
    if (column.autoIncrement()) {
      s.append(" AUTO_INCREMENT");
    }
    column.defaultValue().ifPresent(d -> s.append(" DEFAULT ").append(describe(d)));
    return s.toString();
  }

  static String describe(DefaultValue value) {
    if (value instanceof DefaultValue.Literal literal) {
      return switch (literal.kind()) {
        case STRING -> "'" + literal.value() + "'";
        case NUMBER -> literal.value();
        case HEX -> "x'" + literal.value() + "'";
        case BIT -> "b'" + literal.value() + "'";
      };
    }
    if (value instanceof DefaultValue.CurrentTimestamp now) {
      return "CURRENT_TIMESTAMP(" + now.precision() + ")";
    }
    if (value instanceof DefaultValue.Expression expression) {
      return expression.text();
    }
    return "NULL";
  }
}
