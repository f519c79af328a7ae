package io.chameleon.jmh.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server ids for binlog clients: unique in this JVM and away from the sandbox server's own id,
 * because two clients with the same id throw each other off the server.
 */
public final class ServerIds {

  private static final AtomicLong NEXT = new AtomicLong(10_000 + ThreadLocalRandom.current().nextInt(1_000_000));

  private ServerIds() {}

  /** A server id no other client of this JVM uses. */
  public static long next() {
    return NEXT.incrementAndGet();
  }
}
