package io.chameleon.examples.cli;

import io.chameleon.BinlogPosition;
import io.chameleon.CopyStatus;
import io.chameleon.SourceState;
import io.chameleon.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Renders {@link SourceStatus} snapshots as text: the {@code show_status} table, the detail view
 * of one source, the one-line status of a running source, and the copy progress bar.
 *
 * <p>Live figures (lags, event counts) exist only in the process that runs a source; a source
 * shown by another process gets {@code -} there, and its state from whether some process holds
 * it. Stateless and thread-safe.
 */
final class StatusText {

  private static final String[] HEADERS = {"SOURCE", "STATE", "CATALOGUE", "READ POSITION", "READ LAG",
      "REPLAYED POSITION", "REPLAY LAG", "PENDING", "EVENTS READ", "EVENTS REPLAYED", "EXCLUDED"};
  private static final int BAR_WIDTH = 24;

  private StatusText() {}

  /**
   * The show_status table.
   *
   * @param runsSomewhere whether some process runs the named source (asked only for sources not
   *     running in this process)
   */
  static String table(List<SourceStatus> sources, Predicate<String> runsSomewhere) {
    if (sources.isEmpty()) {
      return "no sources in the catalogue; add one with add_source\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    boolean anyRemote = false;
    StringBuilder excluded = new StringBuilder();
    for (SourceStatus s : sources) {
      boolean local = s.state() != SourceState.STOPPED;
      anyRemote |= !local;
      rows.add(new String[] {s.name(), state(s, runsSomewhere), s.catalogueStatus(), position(s.readPosition()),
          local ? duration(s.readLagMillis()) : "-", position(s.replayedPosition()),
          local ? duration(s.replayLagMillis()) : "-", s.batchesPending() < 0 ? "?" : Long.toString(s.batchesPending()),
          local ? Long.toString(s.eventsRead()) : "-", local ? Long.toString(s.eventsReplayed()) : "-",
          Integer.toString(s.tablesExcluded().size())});
      s.tablesExcluded().forEach((table, why) ->
          excluded.append("  ").append(s.name()).append(": ").append(table).append(" (").append(why).append(")\n"));
    }
    StringBuilder text = new StringBuilder(align(rows));
    if (excluded.length() > 0) {
      text.append("\nexcluded tables (re-sync them with sync_tables):\n").append(excluded);
    }
    if (anyRemote) {
      text.append("\n- : live figures are kept by the process that runs the source (see its status lines)\n");
    }
    return text.toString();
  }

  /** Everything about one source, a line per fact. */
  static String detail(SourceStatus s, Predicate<String> runsSomewhere, Instant now) {
    boolean local = s.state() != SourceState.STOPPED;
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"source", s.name()});
    rows.add(new String[] {"state", state(s, runsSomewhere)});
    rows.add(new String[] {"catalogue status", s.catalogueStatus()});
    rows.add(new String[] {"consistent", s.consistent() ? "yes" : "no (an initial copy is not replayed past yet)"});
    rows.add(new String[] {"read position", s.readPosition().map(BinlogPosition::toString).orElse("-")});
    rows.add(new String[] {"replayed position", s.replayedPosition().map(BinlogPosition::toString).orElse("-")});
    if (local) {
      rows.add(new String[] {"read lag", duration(s.readLagMillis())});
      rows.add(new String[] {"replay lag", duration(s.replayLagMillis())});
      rows.add(new String[] {"events", s.eventsRead() + " read, " + s.eventsReplayed() + " replayed, " + s.eventsSkipped() + " skipped"});
      rows.add(new String[] {"batches", s.batchesWritten() + " written, " + s.batchesPending() + " pending"});
      rows.add(new String[] {"replay paused", s.replayPaused() ? "yes" : "no"});
    } else {
      rows.add(new String[] {"batches pending", s.batchesPending() < 0 ? "?" : Long.toString(s.batchesPending())});
    }
    rows.add(new String[] {"last event read", when(s.lastEventTime(), now)});
    rows.add(new String[] {"last replay", when(s.lastReplayTime(), now)});
    rows.add(new String[] {"tables replicated", s.tablesReplicated().size() + list(s.tablesReplicated())});
    List<String> excluded = s.tablesExcluded().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().toList();
    rows.add(new String[] {"tables excluded", excluded.size() + list(excluded)});
    rows.add(new String[] {"log tables", s.logTableBytes().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + bytes(e.getValue())).reduce((a, b) -> a + ", " + b).orElse("-")});
    s.copy().ifPresent(copy -> rows.add(new String[] {"copy", progress(copy)}));
    rows.add(new String[] {"last error", s.lastError().map(e -> e + s.lastErrorTime().map(t -> " (" + when(Optional.of(t), now) + ")")
        .orElse("")).orElse("none")});
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      text.append(String.format("%-18s %s%n", row[0], row[1]));
    }
    return text.toString();
  }

  /** One line about a source running in this process, for start_replica's periodic output. */
  static String line(SourceStatus s, Instant now) {
    return String.format("%s %s %s | read %s, lag %s | replayed %s, lag %s | pending %d | events %d read, %d replayed | excluded %d",
        LocalTime.ofInstant(now, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS), s.name(), s.state().name().toLowerCase(Locale.ROOT), position(s.readPosition()),
        duration(s.readLagMillis()), position(s.replayedPosition()), duration(s.replayLagMillis()), s.batchesPending(),
        s.eventsRead(), s.eventsReplayed(), s.tablesExcluded().size());
  }

  /** {@code [#####-----] 3/7 tables  12345/40000 rows  2345 rows/s  ETA 0:12}. */
  static String progress(CopyStatus copy) {
    double done = copy.rowsEstimated() > 0 ? Math.min(1.0, (double) copy.rowsCopied() / copy.rowsEstimated())
        : copy.tablesTotal() > 0 ? (double) copy.tablesDone() / copy.tablesTotal() : 0;
    if (copy.tablesTotal() > 0 && copy.tablesDone() == copy.tablesTotal()) {
      done = 1.0;
    }
    int filled = (int) Math.round(done * BAR_WIDTH);
    return String.format(Locale.ROOT, "[%s%s] %3d%%  %d/%d tables  %,d/%,d rows  %,.0f rows/s  ETA %s",
        "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), Math.round(done * 100), copy.tablesDone(), copy.tablesTotal(),
        copy.rowsCopied(), Math.max(copy.rowsEstimated(), copy.rowsCopied()), copy.rowsPerSecond(),
        copy.timeLeft().map(StatusText::clock).orElse("--:--"));
  }

  private static String state(SourceStatus s, Predicate<String> runsSomewhere) {
    if (s.state() != SourceState.STOPPED) {
      return s.state().name().toLowerCase(Locale.ROOT);
    }
    return runsSomewhere.test(s.name()) ? "running" : "stopped";
  }

  private static String position(Optional<BinlogPosition> position) {
    return position.map(p -> p.file() + ":" + p.position()).orElse("-");
  }

  static String duration(long millis) {
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  private static String clock(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  private static String when(Optional<Instant> time, Instant now) {
    return time.map(t -> t + " (" + duration(Math.max(0, Duration.between(t, now).toMillis())) + " ago)").orElse("-");
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "" : ": " + String.join(", ", items);
  }

  private static String bytes(long bytes) {
    return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? bytes / 1024 + " kB" : bytes / (1024 * 1024) + " MB";
  }

  private static String align(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
