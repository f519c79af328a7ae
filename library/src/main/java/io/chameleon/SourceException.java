package io.chameleon;

import java.util.Optional;

/**
 * Something went wrong with one source: its server, its binlog, or its data. Names the source
 * and, where it applies, the binlog position.
 */
public class SourceException extends ChameleonException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient BinlogPosition position;

  public SourceException(String source, String message) {
    this(source, null, message, null);
  }

  public SourceException(String source, BinlogPosition position, String message, Throwable cause) {
    super("source '" + source + "'" + (position == null ? "" : " at " + position) + ": " + message, cause);
    this.source = source;
    this.position = position;
  }

  /** The source's name. */
  public String source() {
    return source;
  }

  /** Where in the binlog the problem arose, when known. */
  public Optional<BinlogPosition> position() {
    return Optional.ofNullable(position);
  }
}
