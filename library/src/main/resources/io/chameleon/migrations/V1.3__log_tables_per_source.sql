-- pg_chameleon 1.3: every source gets its own pair of log tables, still children of
-- t_log_replica, so that sources replicating together no longer bloat shared tables.
-- Runs in one transaction: unreplayed events either all move to their source's tables or
-- nothing changes.

-- 1. the names of each source's two log tables
ALTER TABLE sch_chameleon.t_sources
  ADD COLUMN v_log_table character varying(100)[];

-- 2. creates the log tables of every source that lacks them (names them first if needed)
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
      'CREATE TABLE IF NOT EXISTS sch_chameleon.%I ('
      '  CONSTRAINT %I PRIMARY KEY (i_id_event),'
      '  CONSTRAINT %I FOREIGN KEY (i_id_batch)'
      '    REFERENCES sch_chameleon.t_replica_batch (i_id_batch)'
      '    ON UPDATE RESTRICT ON DELETE CASCADE'
      ') INHERITS (sch_chameleon.t_log_replica)',
      r_table.v_name, 'pk_' || r_table.v_name, 'fk_' || r_table.v_name);
  END LOOP;
END
$fn$;

-- 3. the new tables, and every event moved to its source's table (the first shared table's
--    rows to the source's first table, the second's to its second), ids kept
SELECT sch_chameleon.fn_refresh_parts();

DO $move$
DECLARE
  r_move record;
  v_moved bigint;
  v_total_moved bigint := 0;
  v_total_old bigint;
BEGIN
  SELECT (SELECT count(*) FROM ONLY sch_chameleon.t_log_replica_1)
       + (SELECT count(*) FROM ONLY sch_chameleon.t_log_replica_2)
    INTO v_total_old;

  FOR r_move IN
    SELECT src.i_id_source, src.t_source, old.v_old_table, src.v_log_table[old.i_slot] AS v_new_table
      FROM sch_chameleon.t_sources src
     CROSS JOIN (VALUES ('t_log_replica_1', 1), ('t_log_replica_2', 2)) AS old (v_old_table, i_slot)
     ORDER BY src.i_id_source, old.i_slot
  LOOP
    EXECUTE format(
      'INSERT INTO sch_chameleon.%I'
      ' SELECT log.* FROM ONLY sch_chameleon.%I log'
      '   JOIN sch_chameleon.t_replica_batch bat ON bat.i_id_batch = log.i_id_batch'
      '  WHERE bat.i_id_source = $1',
      r_move.v_new_table, r_move.v_old_table)
      USING r_move.i_id_source;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    v_total_moved := v_total_moved + v_moved;
    RAISE NOTICE 'moved % events of source % from % to %',
      v_moved, r_move.t_source, r_move.v_old_table, r_move.v_new_table;
  END LOOP;

  IF v_total_moved <> v_total_old THEN
    RAISE EXCEPTION 'moved % events but the shared log tables hold %: nothing was changed',
      v_total_moved, v_total_old;
  END IF;
END
$move$;

-- 4. the shared tables are empty of anything that matters now
DROP TABLE sch_chameleon.t_log_replica_1;
DROP TABLE sch_chameleon.t_log_replica_2;

-- 5. which log table holds a batch is now a property of its source
ALTER TABLE sch_chameleon.t_replica_batch
  DROP COLUMN v_log_table;

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.3'::text AS t_version;
