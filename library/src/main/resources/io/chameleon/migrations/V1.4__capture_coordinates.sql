-- What the binlog reader needs to be crash-safe: each batch records the coordinates right
-- after its last transaction (64-bit position, GTID set) and which log table holds its rows;
-- each source records where its reader has reached and which of its log tables is active.
-- The log payload becomes json: it stores what the reader wrote verbatim (NUL escapes
-- included), costs far less to ingest than jsonb, and answers the same JSON operators.

ALTER TABLE sch_chameleon.t_replica_batch
  ALTER COLUMN i_binlog_position TYPE bigint,
  ADD COLUMN t_gtid_set text,
  ADD COLUMN v_log_table character varying(100),
  ADD COLUMN i_events bigint NOT NULL DEFAULT 0;

COMMENT ON COLUMN sch_chameleon.t_replica_batch.t_binlog_name IS
  'binlog file of the coordinates right after the batch''s last transaction';
COMMENT ON COLUMN sch_chameleon.t_replica_batch.i_binlog_position IS
  'position right after the batch''s last transaction: where a restarted reader resumes';
COMMENT ON COLUMN sch_chameleon.t_replica_batch.t_gtid_set IS
  'GTID set executed up to the end of the batch, when the source uses GTIDs';
COMMENT ON COLUMN sch_chameleon.t_replica_batch.v_log_table IS
  'the log table (a child of t_log_replica) that holds the batch''s rows';

-- batches carried over from 1.3 live in whichever of their source's tables holds their rows
UPDATE sch_chameleon.t_replica_batch bat
   SET v_log_table = coalesce(
         (SELECT cls.relname
            FROM sch_chameleon.t_log_replica log
            JOIN pg_catalog.pg_class cls ON cls.oid = log.tableoid
           WHERE log.i_id_batch = bat.i_id_batch
           LIMIT 1),
         (SELECT src.v_log_table[1] FROM sch_chameleon.t_sources src
           WHERE src.i_id_source = bat.i_id_source));

ALTER TABLE sch_chameleon.t_log_replica
  ALTER COLUMN i_binlog_position TYPE bigint,
  ALTER COLUMN jsb_event_data TYPE json USING jsb_event_data::json,
  ALTER COLUMN jsb_event_update TYPE json USING jsb_event_update::json;

ALTER TABLE sch_chameleon.t_sources
  ADD COLUMN t_binlog_name text,
  ADD COLUMN i_binlog_position bigint,
  ADD COLUMN t_gtid_set text,
  ADD COLUMN i_active_log smallint NOT NULL DEFAULT 1,
  ADD COLUMN jsb_schema_mappings jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN t_last_error text,
  ADD COLUMN ts_last_error timestamp with time zone,
  ADD CONSTRAINT chk_t_sources_active_log CHECK (i_active_log IN (1, 2));

COMMENT ON COLUMN sch_chameleon.t_sources.t_binlog_name IS
  'binlog file the reader resumes from (the end of the last committed batch, or the start)';
COMMENT ON COLUMN sch_chameleon.t_sources.i_active_log IS
  'which of v_log_table the reader writes into now (1 or 2)';

CREATE INDEX idx_t_replica_batch_pending
  ON sch_chameleon.t_replica_batch USING btree (i_id_source, i_id_batch)
  WHERE NOT b_replayed;

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.4'::text AS t_version;
