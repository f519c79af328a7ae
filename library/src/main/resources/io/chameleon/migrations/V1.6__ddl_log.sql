-- DDL replication: every statement the reader met on a replicated schema is recorded once, when
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

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.6'::text AS t_version;
