-- Log tables without autovacuum's insert-driven VACUUM.
--
-- A log table is only ever appended to, by COPY, and emptied by TRUNCATE once replay has drained
-- it: no row is updated or deleted, so VACUUM has nothing to reclaim there. PostgreSQL 13 and
-- later also vacuum a table once it has had autovacuum_vacuum_insert_threshold (1,000) inserts
-- plus 20% of its size, to set its visibility map and freeze its rows ahead of time; in a log
-- table whose rows are gone within minutes that is wasted work, done while the reader writes
-- (measured with four sources writing one million events each: one or two VACUUMs of each log
-- table per million events, 0.1 µs of PostgreSQL CPU per event in the runs they fell in). The
-- insert trigger is switched off for the log tables; ANALYZE still runs as before, and so does
-- the VACUUM that prevents transaction ID wraparound, which no setting disables.

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
      'CREATE TABLE IF NOT EXISTS sch_chameleon.%I () INHERITS (sch_chameleon.t_log_replica)'
        || ' WITH (autovacuum_vacuum_insert_threshold = -1)',
      r_table.v_name);
  END LOOP;
END
$fn$;

DO $no_insert_vacuum$
DECLARE
  r_table record;
BEGIN
  FOR r_table IN
    SELECT unnest(v_log_table) AS v_name FROM sch_chameleon.t_sources
  LOOP
    EXECUTE format('ALTER TABLE IF EXISTS sch_chameleon.%I SET (autovacuum_vacuum_insert_threshold = -1)',
      r_table.v_name);
  END LOOP;
END
$no_insert_vacuum$;

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.7'::text AS t_version;
