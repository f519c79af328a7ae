package io.chameleon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesAndUrlsTest {

    @Test
    void databaseNamesAreSafeIdentifiersAndUnique() {
        DatabaseNames names = new DatabaseNames();

        assertThat(names.next("orders")).isEqualTo("orders_1");
        assertThat(names.next("orders")).isEqualTo("orders_2");
        assertThat(names.next("Bench-4 Ünïcode!")).isEqualTo("bench_4_n_code_3");
        assertThat(names.next("42")).isEqualTo("db_42_4");
        assertThat(names.next("--")).isEqualTo("db_5");
        assertThat(names.next(null)).isEqualTo("db_6");
        assertThat(names.next("x".repeat(100))).hasSize(40 + 2).matches("[a-z][a-z0-9_]*");
    }

    @Test
    void sourceUrlsAreParsedAndRewrittenForConnectorJ() {
        JdbcUrl url = JdbcUrl.parseSource("jdbc:mysql://db.example:3307/shop?sslMode=trust&password=x");

        assertThat(url).isEqualTo(new JdbcUrl("mariadb", "db.example", 3307, "shop", "sslMode=trust"));
        assertThat(JdbcUrl.parseSource("jdbc:mariadb://db")).isEqualTo(new JdbcUrl("mariadb", "db", 3306, "", ""));
        assertThat(JdbcUrl.format("mariadb", "db", 3306, "", "")).isEqualTo("jdbc:mariadb://db:3306/");
    }

    @Test
    void postgresUrlsDefaultToThePostgresDatabaseAndKeepIpv6Brackets() {
        JdbcUrl url = JdbcUrl.parsePostgres("jdbc:postgresql://[::1]:6543/?user=u&sslmode=disable");

        assertThat(url).isEqualTo(new JdbcUrl("postgresql", "::1", 6543, "postgres", "sslmode=disable"));
        assertThat(JdbcUrl.format("postgresql", "::1", 6543, "postgres", "sslmode=disable"))
                .isEqualTo("jdbc:postgresql://[::1]:6543/postgres?sslmode=disable");
    }

    @Test
    void badUrlsAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> JdbcUrl.parseSource("jdbc:postgresql://pg:5432/x"))
                .hasMessageContaining("jdbc:mariadb://host:3306/");
        assertThatThrownBy(() -> JdbcUrl.parsePostgres("jdbc:postgresql://a:1,b:2/x"))
                .hasMessageContaining("exactly one host");
        assertThatThrownBy(() -> JdbcUrl.parseSource("jdbc:mariadb://db:port/"))
                .hasMessageContaining("port");
    }

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(Secrets.maskUrl("jdbc:mariadb://db/?user=a&Password=b&x=1"))
                .isEqualTo("jdbc:mariadb://db/?user=a&Password=******&x=1");
        assertThat(Secrets.newPassword()).hasSize(24).matches("[A-Za-z0-9]+");
    }
}
