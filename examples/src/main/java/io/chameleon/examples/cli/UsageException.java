package io.chameleon.examples.cli;

/** The command line itself is wrong: the message and the usage are printed, and the exit status is 2. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
