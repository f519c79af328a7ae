package io.chameleon;

import java.time.Duration;

/**
 * Receives progress while {@link SchemaUpgrader#upgrade()} runs: a migration starting, each
 * message its script reports while it works (such as how many log events it moved), and a
 * migration finishing. Called on the upgrading thread or on the upgrader's notice thread; keep
 * it short and thread-safe.
 */
@FunctionalInterface
public interface UpgradeListener {

  void onProgress(Progress progress);

  /** What happened. */
  enum Stage {
    STARTED,
    MESSAGE,
    FINISHED
  }

  /**
   * One progress report.
   *
   * @param version the migration's target version
   * @param script the migration's script name
   * @param stage what happened
   * @param message the script's own message for {@link Stage#MESSAGE}, else a short summary
   * @param elapsed time since this migration started
   */
  record Progress(String version, String script, Stage stage, String message, Duration elapsed) {}
}
