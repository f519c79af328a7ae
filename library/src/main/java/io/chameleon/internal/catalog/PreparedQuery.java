package io.chameleon.internal.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;

/**
 * A catalogue statement jOOQ renders once and JDBC runs many times with new values: for the few
 * statements the log writer runs on every batch, where rendering them each time cost more CPU
 * than running them (and kept the JIT compiling jOOQ long after the start).
 *
 * <p>Every bind value of the query must be a named {@link org.jooq.impl.DSL#param(String, Class)};
 * constants are {@link org.jooq.impl.DSL#inline(Object)}. Not thread-safe: one connection's, and
 * closed with it.
 */
public final class PreparedQuery {

  private final PreparedStatement statement;
  private final List<String> names;
  private final int[] sqlTypes;

  private PreparedQuery(PreparedStatement statement, List<String> names, int[] sqlTypes) {
    this.statement = statement;
    this.names = names;
    this.sqlTypes = sqlTypes;
  }

  /**
   * Renders the query for the connection's dialect and prepares it.
   *
   * @throws IllegalArgumentException if a bind value is not a named parameter
   */
  public static PreparedQuery prepare(Connection connection, Query query) throws SQLException {
    DSLContext dsl = Catalogue.on(connection);
    List<String> names = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (Map.Entry<String, Param<?>> entry : dsl.extractParams(query).entrySet()) { // in the order of the query's text
      Param<?> param = entry.getValue();
      if (param.isInline()) {
        continue;
      }
      if (!entry.getKey().equals(param.getParamName())) {
        throw new IllegalArgumentException("bind value " + entry.getKey() + " (" + param + ") is not a named parameter");
      }
      names.add(param.getParamName());
      types.add(param.getDataType().getSQLType());
    }
    if (names.size() != dsl.extractBindValues(query).size()) {
      throw new IllegalArgumentException("a parameter name is used twice: " + names);
    }
    int[] sqlTypes = types.stream().mapToInt(Integer::intValue).toArray();
    return new PreparedQuery(connection.prepareStatement(dsl.render(query)), List.copyOf(names), sqlTypes);
  }

  /** Binds a value to the named parameter; returns this. */
  public PreparedQuery set(String name, Object value) throws SQLException {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no parameter '" + name + "' in " + names);
    }
    if (value == null) {
      statement.setNull(index + 1, sqlTypes[index]);
    } else {
      statement.setObject(index + 1, value);
    }
    return this;
  }

  /** Runs the statement; returns the rows it changed. */
  public int execute() throws SQLException {
    return statement.executeUpdate();
  }

  /** Runs the query; returns the first column of its first row, or null when it returns no row. */
  public <T> T fetchValue(Class<T> type) throws SQLException {
    return fetchFirst(row -> row.getObject(1, type));
  }

  /** Runs the query; returns what the reader makes of its first row, or null when it returns no row. */
  public <T> T fetchFirst(RowReader<T> reader) throws SQLException {
    try (ResultSet result = statement.executeQuery()) {
      return result.next() ? reader.read(result) : null;
    }
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface RowReader<T> {
    /** The row's value; the result set stands on the row. */
    T read(ResultSet row) throws SQLException;
  }
}
