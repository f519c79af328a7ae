package io.chameleon.internal.capture;

import io.chameleon.ChameleonException;

/**
 * A binlog value could not be written as JSON for its column: the value does not have the shape
 * the column's {@link ColumnInfo} promises (the table changed under a stale {@link TableInfo}),
 * or a JSON column holds text that is not JSON. The message names {@code schema.table.column}.
 */
public final class RowEncodingException extends ChameleonException {

  private static final long serialVersionUID = 1L;

  public RowEncodingException(String message) {
    super(message);
  }

  public RowEncodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
