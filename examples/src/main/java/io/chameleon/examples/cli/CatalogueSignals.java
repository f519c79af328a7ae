package io.chameleon.examples.cli;

import io.chameleon.ChameleonException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What command-line processes tell each other through the catalogue: a source's status in
 * {@code sch_chameleon.t_sources.enm_status}, and whether some process runs the source now.
 *
 * <p>The stop handshake between {@code start_replica} (the process running a source) and
 * {@code stop_replica} (any other shell):
 *
 * <ol>
 *   <li>once {@code ReplicaManager.startReplica} has returned, start_replica marks the source
 *       {@code running} itself ({@link #markRunning}), so that a {@code stopped} left by an
 *       earlier run can never be taken for a request, however soon it polls;
 *   <li>stop_replica turns {@code running} into {@code stopped} ({@link #requestStop}), only
 *       while a process holds the source, and again if the library writes {@code running} once
 *       more (after a reconnection), until that process has let go of the source;
 *   <li>start_replica polls the status; {@code stopped} is the request: it stops the source
 *       through the library (which writes {@code stopped} itself) and ends;
 *   <li>stop_replica sees the process let go ({@link #processRuns} false) and reports it.
 * </ol>
 *
 * <p>Each call opens a short connection from the data source. Thread-safe.
 */
final class CatalogueSignals {

  /**
   * First half of the two-int advisory lock key that the process running a source holds (the
   * second half is the source id). The same constant as the library's internal {@code
   * CatalogueLocks.SOURCE_CLASS}; ChameleonCliIT fails if the two drift apart.
   */
  private static final long SOURCE_LOCK_CLASS = 0x63686d73L;

  /** A source's row in the catalogue. */
  record SourceRow(long id, String status, Optional<String> lastError) {}

  private final DataSource catalogue;

  CatalogueSignals(DataSource catalogue) {
    this.catalogue = catalogue;
  }

  Optional<SourceRow> find(String source) {
    return query("SELECT i_id_source, enm_status::text, t_last_error FROM sch_chameleon.t_sources WHERE t_source = ?",
        statement -> statement.setString(1, source),
        rows -> rows.next() ? Optional.of(new SourceRow(rows.getLong(1), rows.getString(2), Optional.ofNullable(rows.getString(3))))
            : Optional.<SourceRow>empty());
  }

  /** Whether some session (of any process) holds the lock of the process that runs the source. */
  boolean processRuns(long sourceId) {
    return query("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND classid::bigint = ? AND objid::bigint = ?)",
        statement -> {
          statement.setLong(1, SOURCE_LOCK_CLASS);
          statement.setLong(2, sourceId);
        },
        rows -> rows.next() && rows.getBoolean(1));
  }

  /** start_replica's side: the source runs, whatever an earlier run left in the status (an error stays). */
  void markRunning(String source) {
    update("UPDATE sch_chameleon.t_sources SET enm_status = 'running' WHERE t_source = ? AND enm_status <> 'error'", source);
  }

  /** stop_replica's side: {@code running} becomes {@code stopped}; returns whether it did. */
  boolean requestStop(String source) {
    return update("UPDATE sch_chameleon.t_sources SET enm_status = 'stopped' WHERE t_source = ? AND enm_status = 'running'",
        source) > 0;
  }

  private int update(String sql, String source) {
    try (Connection connection = catalogue.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, source);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new ChameleonException("catalogue database error: " + e.getMessage(), e);
    }
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (Connection connection = catalogue.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new ChameleonException("catalogue database error: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }
}
