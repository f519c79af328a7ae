-- DDL replication, and cheaper log tables.
--
-- Every statement the reader met on a replicated schema is recorded once, when
-- replay reaches it, with what was done about it: applied (with the PostgreSQL statements),
-- skipped (no meaning for replicated data, or already in a table's copy) or failed (unreadable,
-- untranslatable or refused by PostgreSQL; its tables are then excluded until re-synced).

CREATE TABLE sch_chameleon.t_ddl_log
(
  i_id_ddl bigserial NOT NULL,
  i_id_source bigint NOT NULL,
  i_id_batch bigint,
  t_binlog_name text NOT NULL,
  i_binlog_position bigint NOT NULL,
  v_schema_name character varying(100),
  t_statement text NOT NULL,
  v_outcome character varying(10) NOT NULL,
  t_reason text,
  t_tables text,
  t_pg_statements text,
  ts_recorded timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT pk_t_ddl_log PRIMARY KEY (i_id_ddl),
  CONSTRAINT chk_t_ddl_log_outcome CHECK (v_outcome IN ('applied', 'skipped', 'failed')),
  CONSTRAINT fk_t_ddl_log_i_id_source FOREIGN KEY (i_id_source)
    REFERENCES sch_chameleon.t_sources (i_id_source)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

COMMENT ON TABLE sch_chameleon.t_ddl_log IS
  'DDL statements of replicated schemas as replay met them: applied, skipped or failed, and why';
COMMENT ON COLUMN sch_chameleon.t_ddl_log.v_schema_name IS
  'the session''s default database when the statement ran';
COMMENT ON COLUMN sch_chameleon.t_ddl_log.t_tables IS
  'the MySQL tables the statement touches, schema.table, comma separated';
COMMENT ON COLUMN sch_chameleon.t_ddl_log.t_pg_statements IS
  'what ran on PostgreSQL (applied), one statement per line';

CREATE INDEX idx_t_ddl_log_source
  ON sch_chameleon.t_ddl_log USING btree (i_id_source, i_id_ddl);

-- The log tables lose their foreign key to t_replica_batch and their primary key. Checking the
-- one and maintaining the other cost PostgreSQL more than the rest of the COPY into a log table
-- (same rows, one writer: 100k rows/s with both, 240k with the key alone, 287k with neither).
-- Nothing needs them: the reader writes a batch's rows and its t_replica_batch row in one
-- transaction and numbers the rows itself, log rows are only ever removed by TRUNCATE of a
-- drained table, and replay finds a batch's rows without an index: a log table only grows at its
-- end until it is truncated, so they lie from the block recorded in i_first_block on (replay
-- reads from there with a TID range scan, and reads the whole table if the rows it finds there
-- do not add up to the batch's i_events).
CREATE OR REPLACE FUNCTION sch_chameleon.fn_refresh_parts()
RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  r_table record;
BEGIN
  UPDATE sch_chameleon.t_sources
     SET v_log_table = ARRAY[
           format('t_log_replica_1_src_%s', i_id_source),
           format('t_log_replica_2_src_%s', i_id_source)]
   WHERE v_log_table IS NULL;

  FOR r_table IN
    SELECT unnest(v_log_table) AS v_name FROM sch_chameleon.t_sources
  LOOP
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS sch_chameleon.%I () INHERITS (sch_chameleon.t_log_replica)',
      r_table.v_name);
  END LOOP;
END
$fn$;

DO $drop_keys$
DECLARE
  r_table record;
BEGIN
  FOR r_table IN
    SELECT unnest(v_log_table) AS v_name FROM sch_chameleon.t_sources
  LOOP
    EXECUTE format('ALTER TABLE IF EXISTS sch_chameleon.%I DROP CONSTRAINT IF EXISTS %I, DROP CONSTRAINT IF EXISTS %I',
      r_table.v_name, 'fk_' || r_table.v_name, 'pk_' || r_table.v_name);
  END LOOP;
END
$drop_keys$;

ALTER TABLE sch_chameleon.t_replica_batch
  ADD COLUMN i_first_block bigint;

COMMENT ON COLUMN sch_chameleon.t_replica_batch.i_first_block IS
  'the log table''s last block when the batch opened: the batch''s rows lie from there on';

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.6'::text AS t_version;
