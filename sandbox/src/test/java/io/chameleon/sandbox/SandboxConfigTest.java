package io.chameleon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void externalProviderReportsEveryMissingSettingAtOnce() {
        SandboxConfig config = SandboxConfig.of(Map.of("chameleon.sandbox", "external"), NONE);

        assertThatThrownBy(config::provider)
                .isInstanceOf(SandboxStartException.class)
                .hasMessageContaining("'external' is missing 6 setting(s)")
                .hasMessageContaining("chameleon.sandbox.source.url (CHAMELEON_SANDBOX_SOURCE_URL)")
                .hasMessageContaining("chameleon.sandbox.source.user (CHAMELEON_SANDBOX_SOURCE_USER)")
                .hasMessageContaining("chameleon.sandbox.source.password (CHAMELEON_SANDBOX_SOURCE_PASSWORD)")
                .hasMessageContaining("chameleon.sandbox.postgres.url (CHAMELEON_SANDBOX_POSTGRES_URL)")
                .hasMessageContaining("chameleon.sandbox.postgres.user (CHAMELEON_SANDBOX_POSTGRES_USER)")
                .hasMessageContaining("chameleon.sandbox.postgres.password (CHAMELEON_SANDBOX_POSTGRES_PASSWORD)")
                .hasMessageContaining("-Dchameleon.sandbox=embedded");
    }

    @Test
    void externalProviderListsOnlyWhatIsMissingAndReadsTheEnvironment() {
        SandboxConfig config = SandboxConfig.of(
                Map.of("chameleon.sandbox", "external",
                        "chameleon.sandbox.source.url", "jdbc:mariadb://db:3306/",
                        "chameleon.sandbox.source.user", "repl",
                        "chameleon.sandbox.postgres.user", "  "),
                Map.of("CHAMELEON_SANDBOX_SOURCE_PASSWORD", "s3cret",
                        "CHAMELEON_SANDBOX_POSTGRES_URL", "jdbc:postgresql://pg:5432/postgres"));

        assertThatThrownBy(config::external)
                .isInstanceOf(SandboxStartException.class)
                .hasMessageContaining("missing 2 setting(s)")
                .hasMessageContaining("chameleon.sandbox.postgres.user (CHAMELEON_SANDBOX_POSTGRES_USER)")
                .hasMessageContaining("chameleon.sandbox.postgres.password")
                .hasMessageNotContaining("source.url")
                .hasMessageNotContaining("source.password")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void completeExternalSettingsHideThePasswords() {
        SandboxConfig config = SandboxConfig.of(
                Map.of("chameleon.sandbox.source.url", "jdbc:mariadb://db:3306/?password=inurl",
                        "chameleon.sandbox.source.user", "repl",
                        "chameleon.sandbox.source.password", "srcpw",
                        "chameleon.sandbox.postgres.url", "jdbc:postgresql://pg:5432/postgres",
                        "chameleon.sandbox.postgres.user", "pg",
                        "chameleon.sandbox.postgres.password", ""),
                NONE);

        SandboxConfig.External external = config.external();

        assertThat(external.sourcePassword()).isEqualTo("srcpw");
        assertThat(external.postgresPassword()).isEmpty();
        assertThat(external.toString()).doesNotContain("srcpw").doesNotContain("inurl")
                .contains("user=repl");
    }

    @Test
    void unknownProviderNameListsTheValidOnes() {
        SandboxConfig config = SandboxConfig.of(Map.of("chameleon.sandbox", "docker"), NONE);

        assertThatThrownBy(config::provider)
                .isInstanceOf(SandboxStartException.class)
                .hasMessageContaining("Unknown sandbox provider 'docker'")
                .hasMessageContaining("system property chameleon.sandbox")
                .hasMessageContaining("Valid providers: embedded, containers, external");
    }

    @Test
    void unknownProviderFromTheEnvironmentSaysWhereItCameFrom() {
        SandboxConfig config = SandboxConfig.of(NONE, Map.of("CHAMELEON_SANDBOX", "podman"));

        assertThatThrownBy(config::providerName)
                .hasMessageContaining("'podman'")
                .hasMessageContaining("environment variable CHAMELEON_SANDBOX");
    }

    @Test
    void providerDefaultsToEmbeddedIgnoresCaseAndPrefersTheSystemProperty() {
        assertThat(SandboxConfig.of(NONE, NONE).providerName()).isEqualTo("embedded");
        assertThat(SandboxConfig.of(Map.of("chameleon.sandbox", " "), NONE).providerName())
                .isEqualTo("embedded");
        assertThat(SandboxConfig.of(NONE, Map.of("CHAMELEON_SANDBOX", "Containers")).providerName())
                .isEqualTo("containers");
        assertThat(SandboxConfig.of(Map.of("chameleon.sandbox", "EMBEDDED"),
                Map.of("CHAMELEON_SANDBOX", "external")).providerName()).isEqualTo("embedded");
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(SandboxConfig.envName("chameleon.sandbox.postgres.password"))
                .isEqualTo("CHAMELEON_SANDBOX_POSTGRES_PASSWORD");
    }
}
