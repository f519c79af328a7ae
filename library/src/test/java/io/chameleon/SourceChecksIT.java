package io.chameleon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chameleon.sandbox.Sandbox;
import io.chameleon.sandbox.SourceServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sources that cannot be replicated get a clear error that names the problem and the fix, and
 * no password ever shows in a log line, an exception, a status or a toString.
 */
class SourceChecksIT {

  private static final String SECRET = "s3cret-Pa55word!";

  private CaptureFixture fixture;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void fixture() throws Exception {
    fixture = CaptureFixture.create("checks");
    fixture.mysql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void close() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    fixture.close();
    global("binlog_format", "ROW");
    global("binlog_row_image", "FULL");
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotShowThePassword() {
    SourceConfig config = fixture.source("shop").credentials(Sandbox.get().source().user(), SECRET).build();
    fixture.manager.addSource(config);
    seen.add(config.toString());

    assertThatThrownBy(() -> fixture.manager.startReplica("shop"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("Access denied")
        .satisfies(e -> seen.add(stackTrace(e)));
    assertNoSecretAnywhere();
  }

  @Test
  void statementAndMixedBinlogFormatsAreRefused() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    for (String format : List.of("STATEMENT", "MIXED")) {
      global("binlog_format", format);
      assertThatThrownBy(() -> fixture.manager.startReplica("shop"))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("binlog_format is " + format + ", must be ROW");
    }
  }

  @Test
  void aMinimalRowImageIsRefused() throws Exception {
    fixture.manager.addSource(fixture.source("shop").build());
    global("binlog_row_image", "MINIMAL");
    assertThatThrownBy(() -> fixture.manager.startReplica("shop"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("binlog_row_image is MINIMAL, must be FULL");
  }

  @Test
  void aFullCycleNeverShowsTheSourcePassword() throws Exception {
    SourceServer server = Sandbox.get().source();
    String user = "secretive_" + CaptureFixture.nextServerId();
    server.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'",
        "GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
    SourceConfig config = fixture.source("shop").credentials(user, SECRET).build();
    fixture.manager.addSource(config);
    fixture.manager.startReplica("shop");
    fixture.mysql.execute("INSERT INTO t VALUES (1), (2)");
    fixture.awaitCaughtUp("shop", Duration.ofSeconds(30));
    seen.add(fixture.manager.status().toString());
    seen.add(config.toString());
    seen.add(fixture.manager.toString());
    fixture.manager.stopReplica("shop");
    fixture.manager.dropSource("shop");
    assertNoSecretAnywhere();
  }

  private void assertNoSecretAnywhere() {
    for (ILoggingEvent event : logs.list) {
      seen.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        seen.add(event.getThrowableProxy().getMessage());
      }
    }
    assertThat(seen).isNotEmpty().noneMatch(text -> text != null && text.contains(SECRET));
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  private static void global(String variable, String value) throws Exception {
    try (Connection connection = Sandbox.get().source().openConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET GLOBAL " + variable + " = '" + value + "'");
    }
  }
}
