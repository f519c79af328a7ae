package io.chameleon;

import java.util.Map;

/**
 * The JMX view of a {@link ReplicaManager}, registered as {@code
 * io.chameleon:type=ReplicaManager,instance=<instance>} when the manager is built with {@link
 * ReplicaManager.Builder#mbeanServer(javax.management.MBeanServer)}.
 *
 * <p>Attributes read a snapshot: the sources' workers keep their counters, and a sampler thread
 * ({@code chameleon-<instance>-sampler}) refreshes the catalogue facts about once a second. No
 * getter runs SQL or blocks. Operations run the manager's verbs on the calling (JMX) thread and
 * report failures as {@link IllegalStateException} with the reason, so that a JMX client needs no
 * library class.
 */
public interface ReplicaManagerMXBean {

  /** The manager's instance name, as in the object names of its beans. */
  String getInstanceName();

  /** The catalogue's version ({@code v_version}); empty when the database has no catalogue. */
  String getCatalogueVersion();

  /** The catalogue version this library is written for. */
  String getLibraryCatalogueVersion();

  /** Every source in the catalogue, by name. */
  String[] getSourceNames();

  /**
   * Every source in the catalogue with the state of its workers in this process ({@link
   * SourceState} names: {@code STOPPED}, {@code STARTING}, {@code RUNNING}, {@code RECONNECTING},
   * {@code STOPPING}, {@code FAILED}); a source this process does not run is {@code STOPPED}.
   */
  Map<String, String> getSourceStates();

  /**
   * Every source in the catalogue with its catalogue status ({@code ready}, {@code initialising},
   * {@code initialised}, {@code running}, {@code stopped}, {@code error}), as pg_chameleon's
   * show_status reports it.
   */
  Map<String, String> getCatalogueStatuses();

  /** Sources whose workers run in this process now. */
  int getRunningSources();

  /**
   * When the catalogue facts (catalogue version and statuses, batches pending, log table sizes,
   * tables) were last read, ISO-8601; empty before the first read.
   */
  String getSnapshotTime();

  /** Why the last read of the catalogue facts failed; empty when it succeeded. */
  String getSnapshotError();

  /**
   * Starts every source added to this manager that is not running. Tries them all, then fails
   * naming those that could not start.
   *
   * @return which sources were started
   */
  String startAll();

  /**
   * Stops every source running in this process; each commits what it has read completely.
   *
   * @return which sources were stopped
   */
  String stopAll();
}
