package io.chameleon.internal.ddl;

import java.util.Objects;

/**
 * A source table by name: its MySQL database (schema) and table name, as the server spells
 * them (table names are case-sensitive on the servers the replicator reads). Immutable.
 *
 * @param schema the MySQL database
 * @param table the table name
 */
public record TableRef(String schema, String table) {

  /** Checks the components. */
  public TableRef {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  /** {@code schema.table}, for messages. */
  @Override
  public String toString() {
    return schema + "." + table;
  }
}
