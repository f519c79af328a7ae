package io.chameleon;

/**
 * The catalogue could not be upgraded, or was found in a state the library will not work
 * with. Each subclass names one reason and its message says what to do about it.
 */
public class UpgradeException extends ChameleonException {

  private static final long serialVersionUID = 1L;

  public UpgradeException(String message) {
    super(message);
  }

  public UpgradeException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The catalogue's version is one this library cannot work with: unknown, newer than the
   * library, or (for {@code ReplicaManager}) older than it.
   */
  public static final class VersionMismatch extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public VersionMismatch(String message) {
      super(message);
    }
  }

  /** An applied migration's script no longer matches the checksum recorded when it ran. */
  public static final class ChecksumMismatch extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public ChecksumMismatch(String message) {
      super(message);
    }
  }

  /** A source's status is {@code running}: stop every source before upgrading. */
  public static final class SourcesRunning extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public SourcesRunning(String message) {
      super(message);
    }
  }

  /**
   * Another upgrader holds the upgrade lock, or a live replica process holds the catalogue.
   */
  public static final class LockNotObtained extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public LockNotObtained(String message) {
      super(message);
    }
  }

  /** A migration script failed; its transaction was rolled back and nothing of it remains. */
  public static final class MigrationFailed extends UpgradeException {
    private static final long serialVersionUID = 1L;

    public MigrationFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
