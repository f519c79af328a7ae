package io.chameleon.examples.cli;

/**
 * A command failed for a reason the user can act on; its message is printed as it is, and the
 * command line exits with status 1.
 */
public final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}
