package io.chameleon.internal.capture;

import java.util.List;

/**
 * The MySQL column-type readings of {@link InformationSchemaTables}, for the DDL parser
 * ({@code io.chameleon.internal.ddl}), so that a type written in a statement and a type read
 * from information_schema become the same {@link ColumnInfo}. Stateless; thread-safe.
 */
public final class ColumnTypes {

  private ColumnTypes() {}

  /**
   * The SQL-level type of a type name as information_schema's DATA_TYPE spells it.
   *
   * @param dataType lower-case type name, e.g. {@code int}, {@code mediumtext}, {@code point}
   * @param where the column, for the message
   * @throws UnsupportedColumnException for a type the replicator cannot capture
   */
  public static MySqlType typeOf(String dataType, String where) {
    return InformationSchemaTables.typeOf(dataType, where);
  }

  /**
   * The labels of an {@code enum(...)} or {@code set(...)} type, quotes doubled or
   * backslash-escaped as servers write them.
   */
  public static List<String> labels(String columnType) {
    return InformationSchemaTables.labels(columnType);
  }
}
