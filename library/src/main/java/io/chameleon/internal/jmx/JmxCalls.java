package io.chameleon.internal.jmx;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a JMX operation and turns whatever it throws into a JDK exception with the reason in its
 * message and no cause: a JMX client such as JConsole has none of this library's classes (nor
 * the JDBC driver's) to read a cause with. The full failure is logged here.
 */
final class JmxCalls {

  private static final Logger log = LoggerFactory.getLogger(JmxCalls.class);

  private JmxCalls() {}

  static void run(String instance, String operation, Runnable work) {
    call(instance, operation, () -> {
      work.run();
      return null;
    });
  }

  static <T> T call(String instance, String operation, Supplier<T> work) {
    try {
      T result = work.get();
      log.info("[{}] JMX operation {} done", instance, operation);
      return result;
    } catch (IllegalArgumentException e) {
      log.warn("[{}] JMX operation {} refused: {}", instance, operation, e.getMessage());
      throw new IllegalArgumentException(operation + ": " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      log.warn("[{}] JMX operation {} refused: {}", instance, operation, e.getMessage());
      throw new UnsupportedOperationException(operation + ": " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("[{}] JMX operation {} failed", instance, operation, e);
      throw new IllegalStateException(operation + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }
}
