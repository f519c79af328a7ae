package io.chameleon.internal.upgrade;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one migration script as a single statement on the caller's connection and transaction,
 * passing on each notice the script raises ({@code RAISE NOTICE}) while it still runs. pgjdbc
 * attaches notices to the statement as they arrive, so a watcher thread polls them; long data
 * moves thus report progress before they finish.
 */
final class ScriptExecutor {

  private static final long POLL_MILLIS = 200;

  private ScriptExecutor() {}

  static void execute(Connection connection, String sql, Consumer<String> notices)
      throws SQLException {
    ScheduledExecutorService watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "chameleon-upgrade-notices");
              thread.setDaemon(true);
              return thread;
            });
    try (Statement statement = connection.createStatement()) {
      NoticeCursor cursor = new NoticeCursor(statement, notices);
      watcher.scheduleWithFixedDelay(cursor::drain, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
      try {
        statement.execute(sql);
      } finally {
        watcher.shutdown();
        awaitQuietly(watcher);
        cursor.drain();
      }
    }
  }

  private static void awaitQuietly(ScheduledExecutorService watcher) {
    try {
      watcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Remembers which notices were passed on; drained by the watcher and once at the end. */
  private static final class NoticeCursor {
    private final Statement statement;
    private final Consumer<String> notices;
    private SQLWarning last;

    NoticeCursor(Statement statement, Consumer<String> notices) {
      this.statement = statement;
      this.notices = notices;
    }

    synchronized void drain() {
      try {
        SQLWarning next = last == null ? statement.getWarnings() : last.getNextWarning();
        while (next != null) {
          notices.accept(next.getMessage());
          last = next;
          next = next.getNextWarning();
        }
      } catch (SQLException e) {
        // the statement closed under the watcher: the final drain has already run
      }
    }
  }
}
