-- Log tables without autovacuum.
--
-- A log table is only ever appended to, by COPY, and emptied by TRUNCATE once replay has drained
-- it: no row is updated or deleted, so VACUUM has nothing to reclaim there (the dead rows of a
-- batch whose transaction failed go with the TRUNCATE). Yet autovacuum vacuumed (PostgreSQL 13
-- and later vacuum a table after 1,000 inserts plus 20% of its size) and analysed each log table
-- once or twice per million events, while the reader wrote: with four sources writing one million
-- events each, PostgreSQL spent 0.1 to 0.2 µs more per event in the runs they fell in. Replay
-- reads a batch by a TID range scan from its first block and needs no statistics of the log
-- table. Autovacuum is switched off for the log tables; the VACUUM that prevents transaction ID
-- wraparound still runs, as no setting disables it.

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
        || ' WITH (autovacuum_enabled = false)',
      r_table.v_name);
  END LOOP;
END
$fn$;

DO $no_autovacuum$
DECLARE
  r_table record;
BEGIN
  FOR r_table IN
    SELECT unnest(v_log_table) AS v_name FROM sch_chameleon.t_sources
  LOOP
    EXECUTE format('ALTER TABLE IF EXISTS sch_chameleon.%I SET (autovacuum_enabled = false)',
      r_table.v_name);
  END LOOP;
END
$no_autovacuum$;

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.7'::text AS t_version;
