package io.chameleon;

/**
 * The JMX view of the catalogue's {@link SchemaUpgrader}, registered as {@code
 * io.chameleon:type=SchemaUpgrader,instance=<instance>} beside the manager's bean.
 *
 * <p>Attributes read the sampler's snapshot and never run SQL; the operations do, on the
 * calling (JMX) thread, and report failures as {@link IllegalStateException} with the reason.
 * {@link #upgrade()} keeps every promise of {@link SchemaUpgrader#upgrade()}: in particular it
 * is refused while this or another process runs a source.
 */
public interface SchemaUpgraderMXBean {

  /** The catalogue's version; empty when the database has no catalogue (sampled). */
  String getCurrentVersion();

  /** The catalogue version this library is written for. */
  String getLibraryVersion();

  /** Migrations not applied yet, in the order they would run, as {@code version script} (sampled). */
  String[] getPendingMigrations();

  /** Whether no migration is pending (sampled). */
  boolean isUpToDate();

  /**
   * What the last {@link #upgrade()} through this bean did or why it failed; before that, the
   * newest migration recorded in the catalogue's history.
   */
  String getLastUpgradeResult();

  /**
   * Compares the checksums of the applied migrations with the scripts of this library.
   *
   * @return {@code valid: ...}, or {@code invalid: } followed by one problem a line
   */
  String validate();

  /**
   * The SQL {@link #upgrade()} would run, each script headed by a comment naming it; changes
   * nothing.
   *
   * @return the SQL, or a comment saying the catalogue is up to date
   */
  String dryRun();

  /**
   * Brings the catalogue to this library's version.
   *
   * @return the versions before and after and each migration with its time
   */
  String upgrade();
}
