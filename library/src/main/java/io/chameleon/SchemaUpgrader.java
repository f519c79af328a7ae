package io.chameleon;

import io.chameleon.internal.upgrade.Migration;
import io.chameleon.internal.upgrade.Migrations;
import io.chameleon.internal.upgrade.Upgrade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Creates and upgrades the replica catalogue ({@code sch_chameleon}) in a PostgreSQL database.
 *
 * <p>The catalogue's layout is a series of numbered migrations shipped with the library,
 * starting from the layout of pg_chameleon 1.2. The upgrader records every migration it runs
 * in {@code sch_chameleon.t_schema_history} with the script's checksum; a pg_chameleon
 * catalogue that has no history yet is recognised by its {@code v_version} and baselined.
 *
 * <p>Promises:
 *
 * <ul>
 *   <li>each migration runs in its own transaction: an upgrade killed or failing halfway
 *       leaves the catalogue at the last completed version with nothing lost;
 *   <li>two upgraders never run at once (a PostgreSQL advisory lock, waited for up to {@link
 *       Builder#lockTimeout(Duration)});
 *   <li>no upgrade while a source's status is {@code running} or while a live replica process
 *       holds the catalogue;
 *   <li>an applied script that was edited afterwards is detected before anything runs.
 * </ul>
 *
 * <pre>{@code
 * SchemaUpgrader upgrader = SchemaUpgrader.builder().dataSource(dataSource).build();
 * UpgradeResult result = upgrader.upgrade();
 * }</pre>
 *
 * <p>Thread-safe: instances are immutable; each call takes its own connection from the data
 * source.
 */
public final class SchemaUpgrader {

  private final Upgrade upgrade;

  private SchemaUpgrader(Upgrade upgrade) {
    this.upgrade = upgrade;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where the catalogue stands: its version, what was applied, what is pending. Reads only.
   *
   * @throws ChameleonException when the database cannot be read
   */
  public UpgradeInfo info() {
    return upgrade.info();
  }

  /**
   * Compares the checksum of every applied migration with the script shipped in this library.
   * Reads only.
   */
  public ValidateResult validate() {
    return upgrade.validate();
  }

  /** The SQL {@link #upgrade()} would run, in order. Changes nothing. */
  public DryRunResult dryRun() {
    return upgrade.dryRun();
  }

  /**
   * Brings the catalogue to this library's version, creating it when the database has none.
   *
   * @return what ran; an empty list of applied migrations when already up to date
   * @throws UpgradeException.LockNotObtained when another upgrader keeps the lock past the
   *     timeout, or a replica process holds the catalogue
   * @throws UpgradeException.SourcesRunning when a source's status is {@code running}
   * @throws UpgradeException.ChecksumMismatch when an applied script was edited
   * @throws UpgradeException.VersionMismatch when the catalogue is newer than the library or
   *     of a version it does not know
   * @throws UpgradeException.MigrationFailed when a script fails (its transaction is rolled
   *     back; the catalogue stays at the last completed version)
   */
  public UpgradeResult upgrade() {
    return upgrade.run();
  }

  /** The catalogue version this library is written for. */
  public static String libraryVersion() {
    return Migrations.latest().toString();
  }

  /** Configures a {@link SchemaUpgrader}; {@link #build()} checks everything at once. */
  public static final class Builder {
    private DataSource dataSource;
    private Duration lockTimeout = Duration.ofSeconds(60);
    private UpgradeListener listener = progress -> {};
    private List<Migration> migrations = Migrations.shipped();

    private Builder() {}

    /** The PostgreSQL database that holds (or will hold) the catalogue. Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** How long {@code upgrade()} waits for another upgrader to finish. Default 60 s. */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = lockTimeout;
      return this;
    }

    /** Receives progress while migrations run. Default: none. */
    public Builder listener(UpgradeListener listener) {
      this.listener = listener;
      return this;
    }

    /** Replaces the shipped migrations; for tests that need a failing or edited script. */
    Builder migrations(List<Migration> migrations) {
      this.migrations = List.copyOf(migrations);
      return this;
    }

    /**
     * @throws ConfigurationException listing every missing or invalid property
     */
    public SchemaUpgrader build() {
      List<String> problems = new ArrayList<>();
      if (dataSource == null) {
        problems.add("dataSource: required");
      }
      if (lockTimeout == null || lockTimeout.isNegative()) {
        problems.add("lockTimeout: must be zero or positive, was " + lockTimeout);
      }
      if (listener == null) {
        problems.add("listener: must not be null (leave it unset for none)");
      }
      ConfigurationException.throwIfAny("SchemaUpgrader", problems);
      return new SchemaUpgrader(
          new Upgrade(dataSource, lockTimeout, Objects.requireNonNull(listener), migrations));
    }
  }
}
