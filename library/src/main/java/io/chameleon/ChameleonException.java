package io.chameleon;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The root of every exception the library throws. Unchecked: a replicator's failures are
 * reported through status and logs as much as through the call stack, and callers rarely have
 * a local recovery. When a database error is the cause, its SQLState is kept.
 */
public class ChameleonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ChameleonException(String message) {
    super(message);
  }

  public ChameleonException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The SQLState of the first {@link SQLException} in the cause chain, if there is one. */
  public Optional<String> sqlState() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }
}
