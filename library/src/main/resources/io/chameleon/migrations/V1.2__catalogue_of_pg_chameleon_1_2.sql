-- The catalogue as pg_chameleon 1.2 created it: the oldest layout the upgrader accepts.
-- All sources share the two log tables t_log_replica_1 and t_log_replica_2.
CREATE SCHEMA IF NOT EXISTS sch_chameleon;

CREATE OR REPLACE VIEW sch_chameleon.v_version AS
  SELECT '1.2'::text AS t_version;

CREATE TYPE sch_chameleon.en_src_status AS ENUM
  ('ready', 'initialising', 'initialised', 'stopped', 'running', 'error');

CREATE TYPE sch_chameleon.en_binlog_event AS ENUM
  ('delete', 'update', 'insert', 'ddl');

CREATE TABLE sch_chameleon.t_sources
(
  i_id_source bigserial NOT NULL,
  t_source text NOT NULL,
  t_dest_schema text NOT NULL,
  enm_status sch_chameleon.en_src_status NOT NULL DEFAULT 'ready',
  ts_last_event timestamp without time zone,
  CONSTRAINT pk_t_sources PRIMARY KEY (i_id_source)
);

CREATE UNIQUE INDEX idx_t_sources_t_source
  ON sch_chameleon.t_sources USING btree (t_source);
CREATE UNIQUE INDEX idx_t_sources_t_dest_schema
  ON sch_chameleon.t_sources USING btree (t_dest_schema);

CREATE TABLE sch_chameleon.t_replica_batch
(
  i_id_batch bigserial NOT NULL,
  i_id_source bigint NOT NULL,
  t_binlog_name text,
  i_binlog_position integer,
  b_started boolean NOT NULL DEFAULT false,
  b_processed boolean NOT NULL DEFAULT false,
  b_replayed boolean NOT NULL DEFAULT false,
  ts_created timestamp without time zone NOT NULL DEFAULT clock_timestamp(),
  ts_processed timestamp without time zone,
  ts_replayed timestamp without time zone,
  v_log_table character varying(100) NOT NULL DEFAULT 't_log_replica_1',
  i_replayed bigint,
  i_skipped bigint,
  i_ddl bigint,
  CONSTRAINT pk_t_batch PRIMARY KEY (i_id_batch),
  CONSTRAINT fk_t_replica_batch_i_id_source FOREIGN KEY (i_id_source)
    REFERENCES sch_chameleon.t_sources (i_id_source)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_t_replica_batch_binlog_name_position
  ON sch_chameleon.t_replica_batch USING btree (i_id_source, t_binlog_name, i_binlog_position);
CREATE UNIQUE INDEX idx_t_replica_batch_ts_created
  ON sch_chameleon.t_replica_batch USING btree (i_id_source, ts_created);

CREATE TABLE sch_chameleon.t_log_replica
(
  i_id_event bigserial NOT NULL,
  i_id_batch bigint NOT NULL,
  v_table_name character varying(100) NOT NULL,
  v_schema_name character varying(100) NOT NULL,
  enm_binlog_event sch_chameleon.en_binlog_event NOT NULL,
  t_binlog_name text,
  i_binlog_position integer,
  ts_event_datetime timestamp without time zone NOT NULL DEFAULT clock_timestamp(),
  jsb_event_data jsonb,
  jsb_event_update jsonb,
  t_query text,
  CONSTRAINT pk_log_replica PRIMARY KEY (i_id_event),
  CONSTRAINT fk_replica_batch FOREIGN KEY (i_id_batch)
    REFERENCES sch_chameleon.t_replica_batch (i_id_batch)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

CREATE TABLE sch_chameleon.t_log_replica_1
(
  CONSTRAINT pk_log_replica_1 PRIMARY KEY (i_id_event),
  CONSTRAINT fk_replica_batch_1 FOREIGN KEY (i_id_batch)
    REFERENCES sch_chameleon.t_replica_batch (i_id_batch)
    ON UPDATE RESTRICT ON DELETE CASCADE
)
INHERITS (sch_chameleon.t_log_replica);

CREATE TABLE sch_chameleon.t_log_replica_2
(
  CONSTRAINT pk_log_replica_2 PRIMARY KEY (i_id_event),
  CONSTRAINT fk_replica_batch_2 FOREIGN KEY (i_id_batch)
    REFERENCES sch_chameleon.t_replica_batch (i_id_batch)
    ON UPDATE RESTRICT ON DELETE CASCADE
)
INHERITS (sch_chameleon.t_log_replica);

CREATE TABLE sch_chameleon.t_replica_tables
(
  i_id_table bigserial NOT NULL,
  i_id_source bigint NOT NULL,
  v_table_name character varying(100) NOT NULL,
  v_schema_name character varying(100) NOT NULL,
  v_table_pkey character varying(100)[] NOT NULL,
  t_binlog_name text,
  i_binlog_position integer,
  b_replica_enabled boolean NOT NULL DEFAULT true,
  CONSTRAINT pk_t_replica_tables PRIMARY KEY (i_id_table),
  CONSTRAINT fk_t_replica_tables_i_id_source FOREIGN KEY (i_id_source)
    REFERENCES sch_chameleon.t_sources (i_id_source)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_t_replica_tables_table_schema
  ON sch_chameleon.t_replica_tables USING btree (i_id_source, v_table_name, v_schema_name);

CREATE TABLE sch_chameleon.t_discarded_rows
(
  i_id_row bigserial NOT NULL,
  i_id_batch bigint NOT NULL,
  ts_discard timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
  t_row_data text,
  CONSTRAINT pk_t_discarded_rows PRIMARY KEY (i_id_row)
);

CREATE TABLE sch_chameleon.t_index_def
(
  i_id_def bigserial NOT NULL,
  i_id_source bigint NOT NULL,
  v_schema character varying(100),
  v_table character varying(100),
  v_index character varying(100),
  t_create text,
  t_drop text,
  CONSTRAINT pk_t_index_def PRIMARY KEY (i_id_def),
  CONSTRAINT fk_t_index_def_i_id_source FOREIGN KEY (i_id_source)
    REFERENCES sch_chameleon.t_sources (i_id_source)
    ON UPDATE RESTRICT ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_t_index_def_table_index
  ON sch_chameleon.t_index_def USING btree (i_id_source, v_schema, v_table, v_index);
