package io.chameleon.jmh.support;

import java.util.Locale;

/**
 * Table layouts a raw COPY can target, from the bare physical limit to the library's real log
 * table, so the cost of each feature of the log table shows: every layout has the log table's
 * columns and types ({@code LIKE sch_chameleon.t_log_replica}) and adds what its name says.
 *
 * <p>JMH parameter values are the lower-case names with dashes, e.g. {@code serial-pk-fk}.
 */
public enum CopyLayout {
  /** No default, no key, no foreign key, no inheritance; the rows' own event ids, as the writer sends them. */
  PLAIN,
  /** {@link #PLAIN} with the payload columns as {@code jsonb}. */
  JSONB_PAYLOAD,
  /** {@link #PLAIN} with the payload columns as {@code text}: what json's validation costs. */
  TEXT_PAYLOAD,
  /** The event id filled by a sequence default ({@code nextval} per row), as in the log table before 1.6. */
  SERIAL,
  /** {@link #SERIAL} and the event id as primary key. */
  SERIAL_PK,
  /** {@link #SERIAL} and the foreign key to {@code t_replica_batch} (checked per row). */
  SERIAL_FK,
  /** {@link #SERIAL}, the primary key and the foreign key: the log table's features. */
  SERIAL_PK_FK,
  /**
   * A real log table: a child of {@code sch_chameleon.t_log_replica} made as {@code
   * fn_refresh_parts()} makes one (primary key, foreign key, the parent's shared sequence).
   */
  LOG_TABLE;

  /** The JMH parameter value, e.g. {@code serial-pk-fk}. */
  public String paramValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The layout named by a JMH parameter value. */
  public static CopyLayout ofParam(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * Whether the rows bring their event ids, as the library's writer does since catalogue 1.6;
   * else the layout's sequence numbers them, as before.
   */
  boolean takesEventIds() {
    return this == PLAIN || this == JSONB_PAYLOAD || this == TEXT_PAYLOAD;
  }

  /** Statements that create {@code table} (schema-qualified) in a database holding the catalogue. */
  String[] create(String table) {
    String like = "CREATE TABLE " + table + " (LIKE sch_chameleon.t_log_replica";
    String fk = "FOREIGN KEY (i_id_batch) REFERENCES sch_chameleon.t_replica_batch (i_id_batch) ON DELETE CASCADE";
    String sequence = table + "_seq";
    String serial = "ALTER TABLE " + table + " ALTER COLUMN i_id_event SET DEFAULT nextval('" + sequence + "')";
    return switch (this) {
      case PLAIN -> new String[] {like + ")"};
      case JSONB_PAYLOAD, TEXT_PAYLOAD -> {
        String type = this == JSONB_PAYLOAD ? "jsonb" : "text";
        yield new String[] {like + ")", "ALTER TABLE " + table
            + " ALTER COLUMN jsb_event_data TYPE " + type + ", ALTER COLUMN jsb_event_update TYPE " + type};
      }
      case SERIAL -> new String[] {like + ")", "CREATE SEQUENCE " + sequence, serial};
      case SERIAL_PK -> new String[] {like + ", PRIMARY KEY (i_id_event))", "CREATE SEQUENCE " + sequence, serial};
      case SERIAL_FK -> new String[] {like + ", " + fk + ")", "CREATE SEQUENCE " + sequence, serial};
      case SERIAL_PK_FK -> new String[] {
          like + ", PRIMARY KEY (i_id_event), " + fk + ")", "CREATE SEQUENCE " + sequence, serial};
      case LOG_TABLE -> new String[] {
          "CREATE TABLE " + table + " (PRIMARY KEY (i_id_event), " + fk + ") INHERITS (sch_chameleon.t_log_replica)"};
    };
  }
}
