package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaUpgraderTest {

  @Test
  void buildListsEveryProblemAtOnce() {
    assertThatThrownBy(() -> SchemaUpgrader.builder().lockTimeout(Duration.ofSeconds(-1)).listener(null).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "dataSource: required",
            "lockTimeout: must be zero or positive, was PT-1S",
            "listener: must not be null (leave it unset for none)"));
  }

  @Test
  void theLibraryVersionIsTheNewestShippedMigration() {
    assertThat(SchemaUpgrader.libraryVersion()).isEqualTo("1.7");
  }
}
