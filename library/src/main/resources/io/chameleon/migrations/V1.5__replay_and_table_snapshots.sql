-- What replay and the initial copy need: per-table snapshot coordinates (a table copied at a
-- point of the binlog ignores its own older events, which is what lets syncTables re-copy a
-- table while the replica runs), per-table exclusion after a replay error, and the error log.

ALTER TABLE sch_chameleon.t_replica_tables
  ALTER COLUMN i_binlog_position TYPE bigint,
  ADD COLUMN t_gtid_set text,
  ADD COLUMN v_table_name_pg character varying(100),
  ADD COLUMN v_schema_name_pg character varying(100),
  ADD COLUMN t_exclusion text,
  ADD COLUMN ts_excluded timestamp with time zone,
  ADD COLUMN ts_copied timestamp with time zone,
  ADD COLUMN i_rows_copied bigint;

COMMENT ON TABLE sch_chameleon.t_replica_tables IS
  'one row per replicated table: its key and the binlog coordinates of the snapshot it was copied at';
COMMENT ON COLUMN sch_chameleon.t_replica_tables.v_table_pkey IS
  'the columns that identify a row; empty when the table has no key (the whole row is then its identity)';
COMMENT ON COLUMN sch_chameleon.t_replica_tables.t_binlog_name IS
  'binlog file of the table''s snapshot: replay skips the table''s events before this point';
COMMENT ON COLUMN sch_chameleon.t_replica_tables.b_replica_enabled IS
  'false while the table is excluded (after a replay error under the skip-table policy, until re-synced)';

-- a batch's rows are the event ids in (i_first_event - 1, i_last_event] of its log table: replay
-- reads them by primary key range instead of scanning the table
ALTER TABLE sch_chameleon.t_replica_batch
  ADD COLUMN i_first_event bigint,
  ADD COLUMN i_last_event bigint;

CREATE TABLE sch_chameleon.t_error_log
(
  i_id_error bigserial NOT NULL,
  i_id_source bigint NOT NULL,
  i_id_batch bigint,
  v_schema_name character varying(100),
  v_table_name character varying(100),
  t_key text,
  t_binlog_name text,
  i_binlog_position bigint,
  t_sql_state text,
  t_message text NOT NULL,
  t_event_data text,
  ts_error timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT pk_t_error_log PRIMARY KEY (i_id_error),
  CONSTRAINT fk_t_error_log_i_id_source FOREIGN KEY (i_id_source)
    REFERENCES sch_chameleon.t_sources (i_id_source)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

COMMENT ON TABLE sch_chameleon.t_error_log IS
  'events replay could not apply: which source, batch, table, key and binlog position, and why';

CREATE INDEX idx_t_error_log_source
  ON sch_chameleon.t_error_log USING btree (i_id_source, ts_error);

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.5'::text AS t_version;
