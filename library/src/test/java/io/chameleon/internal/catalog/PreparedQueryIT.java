package io.chameleon.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chameleon.sandbox.PostgresDatabase;
import io.chameleon.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** A statement rendered once runs many times with each value bound to its own parameter. */
class PreparedQueryIT {

  private static final Table<?> NOTES = DSL.table(DSL.name("public", "notes"));
  private static final Field<Long> ID = DSL.field(DSL.name("id"), Long.class);
  private static final Field<String> TEXT = DSL.field(DSL.name("text"), String.class);
  private static final Field<Long> COUNT = DSL.field(DSL.name("count"), Long.class);
  private static final Field<LocalDateTime> SEEN = DSL.field(DSL.name("seen"), LocalDateTime.class);

  @Test
  void bindsEachValueToItsNamedParameterWhateverTheOrderTheyAreSetIn() throws Exception {
    PostgresDatabase database = Sandbox.get().postgres().createDatabase("prepared_query");
    database.execute("CREATE TABLE public.notes (id bigint PRIMARY KEY, text text, count bigint, seen timestamp,"
        + " started boolean)");
    try (Connection connection = database.openConnection()) {
      PreparedQuery insert = PreparedQuery.prepare(connection, DSL.insertInto(NOTES)
          .set(ID, DSL.param("id", Long.class))
          .set(COUNT, DSL.param("count", Long.class))
          .set(TEXT, DSL.param("text", String.class))
          .set(SEEN, DSL.coalesce(DSL.param("seen", LocalDateTime.class), DSL.field("'2001-02-03'::timestamp", LocalDateTime.class)))
          .set(DSL.field(DSL.name("started"), Boolean.class), DSL.inline(true))
          .returningResult(COUNT.plus(ID)));
      LocalDateTime seen = LocalDateTime.of(2026, 11, 27, 21, 30, 15, 123_456_000);
      for (long id = 1; id <= 10; id++) { // past pgjdbc's server-side prepare threshold
        Long sum = insert.set("text", "note " + id).set("seen", id % 2 == 0 ? null : seen).set("id", id)
            .set("count", 100 * id).fetchValue(Long.class);
        assertThat(sum).isEqualTo(101 * id);
      }
      PreparedQuery update = PreparedQuery.prepare(connection,
          DSL.update(NOTES).set(TEXT, DSL.param("text", String.class)).where(ID.eq(DSL.param("id", Long.class))));
      assertThat(update.set("id", 3L).set("text", null).execute()).isEqualTo(1);
      assertThat(update.set("id", 99L).set("text", "nobody").execute()).isZero();

      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT id, text, count, seen, started FROM public.notes ORDER BY id")) {
        for (long id = 1; id <= 10; id++) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getLong("id")).isEqualTo(id);
          assertThat(rows.getString("text")).isEqualTo(id == 3 ? null : "note " + id);
          assertThat(rows.getLong("count")).isEqualTo(100 * id);
          assertThat(rows.getObject("seen", LocalDateTime.class))
              .isEqualTo(id % 2 == 0 ? LocalDateTime.of(2001, 2, 3, 0, 0) : seen);
          assertThat(rows.getBoolean("started")).isTrue();
        }
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void refusesABindValueWithoutAName() throws Exception {
    PostgresDatabase database = Sandbox.get().postgres().createDatabase("prepared_query_unnamed");
    try (Connection connection = database.openConnection()) {
      assertThatThrownBy(() -> PreparedQuery.prepare(connection, DSL.select(DSL.val(1L).plus(DSL.param("n", Long.class)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a named parameter");
      PreparedQuery query = PreparedQuery.prepare(connection, DSL.select(DSL.param("n", Long.class)));
      assertThatThrownBy(() -> query.set("m", 1L)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no parameter 'm'");
    }
  }
}
