package io.chameleon;

/**
 * The life of a source's workers in this process. Changes only forward, except that a stopped
 * or failed source may be started again.
 */
public enum SourceState {
  /** Not running in this process. */
  STOPPED,
  /** Checking the source and connecting. */
  STARTING,
  /** Reading the binlog (and, once replay exists, applying it). */
  RUNNING,
  /** Lost a connection; retrying with backoff. Nothing is lost meanwhile. */
  RECONNECTING,
  /** Finishing the current batch and disconnecting. */
  STOPPING,
  /** Stopped by an error that retrying cannot fix; see the last error. */
  FAILED
}
