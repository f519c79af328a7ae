-- The upgrader's own bookkeeping: one row per migration attempt (and one for a baseline).
-- Created by SchemaUpgrader before any migration runs; not a migration itself.
CREATE SCHEMA IF NOT EXISTS sch_chameleon;

CREATE TABLE IF NOT EXISTS sch_chameleon.t_schema_history
(
  i_id_history bigserial NOT NULL,
  v_version character varying(20) NOT NULL,
  t_description text NOT NULL,
  t_script text,
  t_checksum text,
  t_kind text NOT NULL,
  t_installed_by text NOT NULL DEFAULT current_user,
  ts_installed timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  i_execution_ms bigint NOT NULL DEFAULT 0,
  b_success boolean NOT NULL,
  t_error text,
  CONSTRAINT pk_t_schema_history PRIMARY KEY (i_id_history),
  CONSTRAINT chk_t_schema_history_kind CHECK (t_kind IN ('baseline', 'migration'))
);
