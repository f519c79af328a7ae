package io.chameleon.internal.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PgIndexNamesTest {

  @Test
  void shortNamesAreTableUnderscoreIndex() {
    assertThat(PgIndexNames.derive("orders", "idx_customer", n -> false)).isEqualTo("orders_idx_customer");
    assertThat(PgIndexNames.derive("orders", "PRIMARY", n -> false)).isEqualTo("orders_pkey");
  }

  @Test
  void longNamesAreCutAtACharacterBoundaryAndHashed() {
    String table = "é".repeat(40); // 80 bytes
    String name = PgIndexNames.derive(table, "idx", n -> false);
    assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PgIndexNames.MAX_BYTES);
    assertThat(name).startsWith("é".repeat(27)).matches(".*_[0-9a-f]{8}");
    assertThat(PgIndexNames.derive(table, "idx", n -> false)).as("stable").isEqualTo(name);
    assertThat(PgIndexNames.derive(table, "idy", n -> false)).isNotEqualTo(name);
  }

  @Test
  void takenNamesAreAvoided() {
    String first = PgIndexNames.derive("a", "b_c", Set.of("a_b_c")::contains);
    assertThat(first).startsWith("a_b_c_").hasSize("a_b_c_".length() + 8);
    String second = PgIndexNames.derive("a", "b_c", Set.of("a_b_c", first)::contains);
    assertThat(second).isNotIn("a_b_c", first).startsWith("a_b_c_");
  }

  @Test
  void truncateNeverSplitsACharacter() {
    assertThat(PgIndexNames.truncate("aé😀b", 3)).isEqualTo("aé");
    assertThat(PgIndexNames.truncate("aé😀b", 6)).isEqualTo("aé");
    assertThat(PgIndexNames.truncate("aé😀b", 7)).isEqualTo("aé😀");
  }
}
