package io.chameleon.jmh.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks (1/100 s): the whole machine's busy time,
 * one process's, and one process tree's. Everything is empty or zero where {@code /proc} is
 * missing (not Linux) or the process is not on this machine (containers, external servers).
 */
public final class ProcessCpu {

  /** Ticks per second of {@code /proc}'s counters (USER_HZ, 100 on every Linux build in use). */
  public static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** Busy ticks of all CPUs since boot: user, nice, system, irq, softirq and steal (not idle or iowait). */
  public static long machineBusyTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(cpu[field]);
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * User and system ticks of the process, with those of its children that have ended and been
   * waited for (a PostgreSQL postmaster collects its ended backends and workers this way).
   */
  public static long processTicks(long pid) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    // after the ")" that ends the command name: 0 state, 1 ppid, ... 11 utime, 12 stime, 13 cutime, 14 cstime
    return Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
  }

  /** {@link #processTicks} of the process plus the user and system ticks of its live children. */
  public static long treeTicks(long pid) {
    long ticks = processTicks(pid);
    for (long child : children(pid)) {
      String[] stat = stat(child);
      if (stat != null) {
        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
      }
    }
    return ticks;
  }

  /** The parent of a local process. */
  public static OptionalLong parent(long pid) {
    String[] stat = stat(pid);
    return stat == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(stat[1]));
  }

  private static List<Long> children(long pid) {
    List<Long> children = new ArrayList<>();
    try (var entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
          long child = Long.parseLong(name);
          String[] stat = stat(child);
          if (stat != null && Long.parseLong(stat[1]) == pid) {
            children.add(child);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: no children to count
    }
    return children;
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name, or null. */
  private static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
    } catch (IOException | RuntimeException e) {
      return null; // ended, or not a local process
    }
  }
}
