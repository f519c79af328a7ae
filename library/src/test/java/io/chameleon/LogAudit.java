package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.RecordedWorkload.Change;
import io.chameleon.sandbox.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps, by trigger, a copy of every log row and every batch the readers commit, so that a test
 * can check afterwards that each change reached the log exactly once, whatever rotation has
 * truncated since. The copies are made in the reader's own transaction (row triggers fire for
 * {@code COPY} too): they commit with the batch or vanish with it.
 */
final class LogAudit {

  private static final String SCHEMA = "log_audit";

  private final PostgresDatabase pg;

  private LogAudit(PostgresDatabase pg) {
    this.pg = pg;
  }

  /** Installs the audit on the batches and on the log tables of every source added so far. */
  static LogAudit install(PostgresDatabase pg) throws SQLException {
    pg.execute(
        "CREATE SCHEMA " + SCHEMA,
        "CREATE TABLE " + SCHEMA + ".batches (i_id_source bigint, i_id_batch bigint, i_events bigint,"
            + " i_first_event bigint, i_last_event bigint, t_binlog_name text, i_binlog_position bigint)",
        "CREATE TABLE " + SCHEMA + ".log_rows (i_id_source bigint, i_id_batch bigint, i_id_event bigint,"
            + " v_schema_name text, v_table_name text, enm_binlog_event text, jsb_event_data json, jsb_event_update json)",
        // a batch counts once its reader has marked it processed, in the transaction that commits it
        "CREATE FUNCTION " + SCHEMA + ".batch_committed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.b_processed AND (TG_OP = 'INSERT' OR NOT OLD.b_processed) THEN"
            + "  INSERT INTO " + SCHEMA + ".batches VALUES (NEW.i_id_source, NEW.i_id_batch, NEW.i_events,"
            + "   NEW.i_first_event, NEW.i_last_event, NEW.t_binlog_name, NEW.i_binlog_position);"
            + " END IF; RETURN NULL; END $$",
        "CREATE TRIGGER log_audit AFTER INSERT OR UPDATE OF b_processed ON sch_chameleon.t_replica_batch"
            + " FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".batch_committed()",
        "CREATE FUNCTION " + SCHEMA + ".row_logged() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO " + SCHEMA + ".log_rows VALUES (TG_ARGV[0]::bigint, NEW.i_id_batch, NEW.i_id_event,"
            + "  NEW.v_schema_name, NEW.v_table_name, NEW.enm_binlog_event::text, NEW.jsb_event_data, NEW.jsb_event_update);"
            + " RETURN NULL; END $$");
    List<String> triggers = new ArrayList<>();
    try (Connection connection = pg.openConnection();
        Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery(
            "SELECT i_id_source, unnest(v_log_table) FROM sch_chameleon.t_sources ORDER BY 1, 2")) {
      while (tables.next()) {
        triggers.add("CREATE TRIGGER log_audit AFTER INSERT ON sch_chameleon." + quote(tables.getString(2))
            + " FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".row_logged('" + tables.getLong(1) + "')");
      }
    }
    assertThat(triggers).as("log tables to audit").isNotEmpty();
    pg.execute(triggers.toArray(String[]::new));
    return new LogAudit(pg);
  }

  /**
   * Asserts that the source's committed batches and log rows hold exactly the changes the
   * workload committed, each once and in commit order: no batch recorded twice, batch ends
   * strictly advancing in the binlog, each batch holding exactly its {@code i_events} rows
   * numbered {@code i_first_event} to {@code i_last_event}, no row outside a committed batch,
   * and the rows of the workload's tables ({@link RecordedWorkload#TABLES}), in batch and event
   * order, equal to the committed changes. Rows of other tables, which other writers change,
   * count in the batch checks only.
   *
   * @param mysqlSchema the source's MariaDB database, which every row must name
   * @param committed what the workload committed since the source's log began (its copy's
   *     snapshot)
   */
  void assertEachChangeLoggedOnce(String source, String mysqlSchema, List<Change> committed) throws SQLException {
    long id = sourceId(source);
    assertThat(strings(id,
        "SELECT i_id_batch || ' recorded ' || count(*) || ' times' FROM " + SCHEMA + ".batches WHERE i_id_source = ?"
            + " GROUP BY i_id_batch HAVING count(*) > 1"))
        .as("batches of %s recorded more than once", source).isEmpty();
    assertThat(strings(id,
        "SELECT 'batch ' || i_id_batch || ' ends at ' || t_binlog_name || ':' || i_binlog_position"
            + " || ', not after the previous batch''s end ' || previous_name || ':' || previous_position"
            + " FROM (SELECT i_id_batch, t_binlog_name, i_binlog_position,"
            + "   lag(t_binlog_name) OVER w AS previous_name, lag(i_binlog_position) OVER w AS previous_position"
            + "   FROM " + SCHEMA + ".batches WHERE i_id_source = ? WINDOW w AS (ORDER BY i_id_batch)) b"
            + " WHERE (previous_name COLLATE \"C\", previous_position) >= (t_binlog_name COLLATE \"C\", i_binlog_position)"))
        .as("batches of %s that do not advance in the binlog (a batch written twice)", source).isEmpty();
    assertThat(strings(id,
        "SELECT 'batch ' || b.i_id_batch || ' says ' || b.i_events || ' events ' || b.i_first_event || '..'"
            + " || b.i_last_event || ', its rows: ' || coalesce(r.events, 0) || ' (' || coalesce(r.distinct_events, 0)"
            + " || ' distinct) ' || coalesce(r.first_event || '..' || r.last_event, '')"
            + " FROM " + SCHEMA + ".batches b LEFT JOIN (SELECT i_id_batch, count(*) AS events,"
            + "   count(DISTINCT i_id_event) AS distinct_events, min(i_id_event) AS first_event,"
            + "   max(i_id_event) AS last_event FROM " + SCHEMA + ".log_rows GROUP BY i_id_batch) r USING (i_id_batch)"
            + " WHERE b.i_id_source = ? AND (coalesce(r.events, 0) <> b.i_events OR r.events <> r.distinct_events"
            + "   OR r.first_event <> b.i_first_event OR r.last_event <> b.i_last_event)"))
        .as("batches of %s whose rows are not exactly the ones they count", source).isEmpty();
    assertThat(strings(id,
        "SELECT 'batch ' || i_id_batch || ': ' || count(*) || ' rows' FROM " + SCHEMA + ".log_rows r"
            + " WHERE i_id_source = ? AND NOT EXISTS (SELECT 1 FROM " + SCHEMA + ".batches b"
            + "   WHERE b.i_id_batch = r.i_id_batch) GROUP BY i_id_batch"))
        .as("log rows of %s outside any committed batch", source).isEmpty();
    assertThat(strings(id,
        "SELECT DISTINCT v_schema_name FROM " + SCHEMA + ".log_rows WHERE i_id_source = ?"))
        .as("schemas in the log of %s", source).containsExactly(mysqlSchema);

    List<Change> logged = logged(id);
    assertThat(committed).as("changes committed on %s", source).isNotEmpty();
    if (!logged.equals(committed)) {
      int at = 0;
      while (at < logged.size() && at < committed.size() && logged.get(at).equals(committed.get(at))) {
        at++;
      }
      throw new AssertionError("the log of " + source + " holds " + logged.size() + " changes, the workload committed "
          + committed.size() + "; first difference at change " + at + ": logged "
          + (at < logged.size() ? logged.subList(at, Math.min(at + 3, logged.size())) : "nothing")
          + ", committed " + (at < committed.size() ? committed.subList(at, Math.min(at + 3, committed.size())) : "nothing"));
    }
  }

  /**
   * How many committed batches of the source have been deleted since: the batches a rotation of
   * the log tables deleted with its {@code TRUNCATE} (nothing else deletes a committed batch
   * once the source streams).
   */
  long batchesDeleted(String source) throws SQLException {
    try (Connection connection = pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT count(DISTINCT i_id_batch) FROM " + SCHEMA + ".batches a WHERE i_id_source = ?"
                + " AND NOT EXISTS (SELECT 1 FROM sch_chameleon.t_replica_batch b WHERE b.i_id_batch = a.i_id_batch)")) {
      statement.setLong(1, sourceId(source));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** How many committed batches of the source hold these inserts. */
  long batchesHolding(String source, List<Change> inserts) throws SQLException {
    try (Connection connection = pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT count(DISTINCT i_id_batch) FROM " + SCHEMA + ".log_rows WHERE i_id_source = ?"
                + " AND enm_binlog_event = 'insert' AND (v_table_name, (jsb_event_data->>'id')::bigint) IN"
                + " (SELECT * FROM unnest(?::text[], ?::bigint[]))")) {
      statement.setLong(1, sourceId(source));
      statement.setArray(2, connection.createArrayOf("text", inserts.stream().map(Change::table).toArray()));
      statement.setArray(3, connection.createArrayOf("bigint", inserts.stream().map(Change::id).toArray()));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  private List<Change> logged(long sourceId) throws SQLException {
    List<Change> changes = new ArrayList<>();
    try (Connection connection = pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT enm_binlog_event, v_table_name, jsb_event_data->>'id', jsb_event_data->>'v',"
                + " jsb_event_update->>'v' FROM " + SCHEMA + ".log_rows WHERE i_id_source = ?"
                + " AND v_table_name = ANY (?) ORDER BY i_id_batch, i_id_event")) {
      statement.setLong(1, sourceId);
      statement.setArray(2, connection.createArrayOf("text", RecordedWorkload.TABLES.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String before = rows.getString(5);
          changes.add(new Change(rows.getString(1), rows.getString(2), Long.parseLong(rows.getString(3)),
              Long.parseLong(rows.getString(4)), before == null ? null : Long.valueOf(before)));
        }
      }
    }
    return changes;
  }

  private long sourceId(String source) throws SQLException {
    try (Connection connection = pg.openConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT i_id_source FROM sch_chameleon.t_sources WHERE t_source = ?")) {
      statement.setString(1, source);
      try (ResultSet result = statement.executeQuery()) {
        assertThat(result.next()).as("source %s in the catalogue", source).isTrue();
        return result.getLong(1);
      }
    }
  }

  private List<String> strings(long sourceId, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = pg.openConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, sourceId);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          values.add(result.getString(1));
        }
      }
    }
    return values;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
