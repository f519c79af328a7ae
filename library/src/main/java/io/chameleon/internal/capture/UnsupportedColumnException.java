package io.chameleon.internal.capture;

import io.chameleon.ChameleonException;

/**
 * A source column cannot be captured: its type or character set has no faithful decoding. The
 * message names the column as {@code schema.table.column}; the caller decides whether that stops
 * the source or skips the table.
 */
public final class UnsupportedColumnException extends ChameleonException {

  private static final long serialVersionUID = 1L;

  public UnsupportedColumnException(String message) {
    super(message);
  }

  public UnsupportedColumnException(String message, Throwable cause) {
    super(message, cause);
  }
}
