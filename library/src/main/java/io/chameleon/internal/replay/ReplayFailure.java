package io.chameleon.internal.replay;

import io.chameleon.SourceException;

/** An event replay could not apply under the exit policy: the source stops. */
final class ReplayFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient SourceException error;

  ReplayFailure(SourceException error) {
    super(error.getMessage(), error);
    this.error = error;
  }

  SourceException error() {
    return error;
  }
}
