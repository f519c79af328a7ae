package io.chameleon.jmh.support;

import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A plain table that a raw limit COPYs into, and its one writer: {@code CREATE TABLE ... (LIKE
 * t)} of a table the library made, so the same columns, types and NOT NULL constraints, and
 * nothing else: no primary key, no index, no default.
 *
 * <p>Not thread-safe: driven by one benchmark thread.
 */
public final class PlainTable implements AutoCloseable {

  /** What a writer sends into an open {@code COPY}. */
  @FunctionalInterface
  public interface CopyWriter {
    /** Writes whole rows of COPY text into {@code copy}. */
    void write(CopyIn copy) throws SQLException;
  }

  private final String name;
  private final Connection writer;
  private final Connection admin;

  private PlainTable(String name, Connection writer, Connection admin) {
    this.name = name;
    this.writer = writer;
    this.admin = admin;
  }

  /**
   * Creates {@code name} like {@code likeTable} and opens the writer's connection.
   *
   * @param name a qualified name in a schema that exists, or in {@code bench_raw}, which is made
   */
  public static PlainTable create(PostgresDatabase database, String name, String likeTable) throws SQLException {
    Connection admin = database.openConnection();
    try (Statement statement = admin.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS bench_raw");
      statement.execute("CREATE TABLE " + name + " (LIKE " + likeTable + ")");
    }
    Connection writer = database.openConnection();
    writer.setAutoCommit(false);
    return new PlainTable(name, writer, admin);
  }

  /** Empties the table and checkpoints, so each run starts from the same state. */
  public void reset() throws SQLException {
    try (Statement statement = admin.createStatement()) {
      statement.execute("TRUNCATE " + name);
      statement.execute("CHECKPOINT");
    }
  }

  /**
   * COPYs every chunk, each in its own transaction.
   *
   * @return rows written
   */
  public long copy(TableRows rows) throws SQLException {
    long written = 0;
    for (byte[] chunk : rows.chunks()) {
      written += copy(copy -> copy.writeToCopy(chunk, 0, chunk.length));
    }
    return written;
  }

  /**
   * Runs one {@code COPY} fed by the writer and commits it.
   *
   * @return rows written, as PostgreSQL counted them
   */
  public long copy(CopyWriter rows) throws SQLException {
    CopyIn copy = writer.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + name + " FROM STDIN");
    try {
      rows.write(copy);
      long written = copy.endCopy();
      writer.commit();
      return written;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
        writer.rollback();
      }
    }
  }

  /** Rows in the table now. */
  public long count() throws SQLException {
    try (Statement statement = admin.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM " + name)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Override
  public void close() {
    for (Connection connection : new Connection[] {writer, admin}) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the fork ends with the sandbox; nothing to release
      }
    }
  }
}
