package io.chameleon.internal.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static final Path SCRIPTS = Path.of("src/main/resources/io/chameleon/migrations");

  @Test
  void theListNamesEveryScriptInTheFolderInVersionOrder() throws IOException {
    List<String> listed = Migrations.shipped().stream().map(Migration::script).toList();
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      List<String> onDisk =
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V")).sorted().toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
    }
    assertThat(listed.get(0)).startsWith("V1.2__");
    assertThat(Migrations.latest()).isEqualTo(Migrations.shipped().get(listed.size() - 1).version());
  }

  @Test
  void everyScriptLeavesVVersionNamingItsOwnVersion() {
    for (Migration migration : Migrations.shipped()) {
      assertThat(migration.sql())
          .as(migration.script())
          .contains("SELECT '" + migration.version() + "'::text AS t_version");
    }
  }

  @Test
  void versionsCompareNumberByNumber() {
    assertThat(CatalogueVersion.parse("1.10").isNewerThan(CatalogueVersion.parse("1.9"))).isTrue();
    assertThat(CatalogueVersion.parse("1.3")).isEqualTo(CatalogueVersion.parse("1.3"));
    assertThat(CatalogueVersion.parse("2").isNewerThan(CatalogueVersion.parse("1.99"))).isTrue();
    assertThatThrownBy(() -> CatalogueVersion.parse("1.x")).hasMessageContaining("'1.x'");
  }

  @Test
  void scriptNamesMustCarryAVersionAndDescription() {
    Migration m = Migration.of("V1.4__capture_coordinates.sql", "select 1;");
    assertThat(m.version()).hasToString("1.4");
    assertThat(m.description()).isEqualTo("capture coordinates");
    assertThatThrownBy(() -> Migration.of("1.4_capture.sql", "select 1;"))
        .hasMessageContaining("V<version>__<description>.sql");
  }

  @Test
  void theChecksumIgnoresLineEndingsButNotContent() {
    Migration unix = Migration.of("V1.4__x.sql", "select 1;\nselect 2;\n");
    Migration windows = Migration.of("V1.4__x.sql", "select 1;\r\nselect 2;\r\n");
    Migration edited = Migration.of("V1.4__x.sql", "select 1;\nselect 3;\n");
    assertThat(windows.checksum()).isEqualTo(unix.checksum());
    assertThat(edited.checksum()).isNotEqualTo(unix.checksum());
  }
}
