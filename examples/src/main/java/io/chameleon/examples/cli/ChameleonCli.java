package io.chameleon.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.chameleon.ChameleonException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The {@code chameleon} command line: pg_chameleon's commands over this library, configured by a
 * pg_chameleon 2.0 style YAML file.
 *
 * <pre>
 * chameleon &lt;command&gt; --config &lt;file.yml&gt; [--source &lt;name&gt;] [--tables s.t,s.u] [--debug]
 * </pre>
 *
 * <p>Exit status: 0 done, 1 failed (the message on stderr; the stack trace only with {@code
 * --debug}), 2 usage error. Results go to stdout, warnings and errors to stderr. No output
 * ever contains a password, with or without {@code --debug}.
 *
 * <p>{@link #run(String...)} is the whole program without {@code System.exit}, for tests and
 * for hosts that embed the command line. One {@code run} at a time per instance.
 */
public final class ChameleonCli {

  private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
  private static final Duration CTRL_C_WAIT = Duration.ofSeconds(60);

  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private final boolean stopOnCtrlC;
  private final Duration statusEvery;

  /** A command line printing to these streams, not interactive and leaving Ctrl-C alone. */
  public ChameleonCli(PrintStream out, PrintStream err) {
    this(out, err, false, false, STATUS_EVERY);
  }

  /**
   * @param interactive whether {@code out} is a terminal (progress redraws one line)
   * @param stopOnCtrlC whether start_replica stops its source cleanly when the JVM is asked to end
   * @param statusEvery how often start_replica prints a status line
   */
  ChameleonCli(PrintStream out, PrintStream err, boolean interactive, boolean stopOnCtrlC, Duration statusEvery) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.stopOnCtrlC = stopOnCtrlC;
    this.statusEvery = statusEvery;
  }

  public static void main(String[] args) {
    configureLogging(Arrays.asList(args).contains("--debug"));
    ChameleonCli cli = new ChameleonCli(System.out, System.err, System.console() != null, true, STATUS_EVERY);
    System.exit(cli.run(args));
  }

  /**
   * Runs one command.
   *
   * @return the exit status: 0 done, 1 failed, 2 usage error
   */
  public int run(String... args) {
    CliArguments arguments;
    try {
      arguments = CliArguments.parse(args);
    } catch (CliArguments.HelpRequested help) {
      out.print(CliArguments.usage());
      return 0;
    } catch (UsageException e) {
      err.println("chameleon: " + e.getMessage());
      err.println(CliArguments.usage().lines().findFirst().orElse(""));
      err.println("commands and options: chameleon --help");
      return 2;
    }
    String command = arguments.command().commandName();
    try {
      execute(arguments);
      return 0;
    } catch (ConfigFileException | CliException e) {
      return fail(arguments, e.getMessage(), e);
    } catch (ChameleonException e) {
      return fail(arguments, command + " failed: " + e.getMessage()
          + e.sqlState().map(state -> " (SQLState " + state + ")").orElse(""), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(arguments, command + " interrupted", e);
    } catch (RuntimeException e) {
      return fail(arguments, command + " failed with an unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
    }
  }

  private void execute(CliArguments arguments) throws InterruptedException {
    ChameleonCliConfig config = ChameleonCliConfig.load(arguments.config());
    if (!config.ignoredKeys().isEmpty()) {
      err.println("chameleon: warning: " + config.file() + ": pg_chameleon settings without effect here, ignored: "
          + String.join(", ", config.ignoredKeys()));
    }
    if (arguments.debug()) {
      err.println("chameleon: " + config.pg() + "; sources " + config.sources().values()); // both mask passwords
    }
    String source = arguments.source().orElse(null);
    try (Commands commands = new Commands(config, instanceName(arguments.config()), out, interactive, statusEvery)) {
      switch (arguments.command()) {
        case CREATE_REPLICA_SCHEMA -> commands.createReplicaSchema();
        case UPGRADE_REPLICA_SCHEMA -> commands.upgradeReplicaSchema();
        case ADD_SOURCE -> commands.addSource(source);
        case DROP_SOURCE -> commands.dropSource(source);
        case INIT_REPLICA -> commands.initReplica(source);
        case START_REPLICA -> startReplica(commands, source);
        case STOP_REPLICA -> commands.stopReplica(source);
        case SYNC_TABLES -> commands.syncTables(source, arguments.tables());
        case SHOW_STATUS -> commands.showStatus(arguments.source());
        case DETACH_REPLICA -> commands.detachReplica(source);
        case ENABLE_REPLICA -> commands.enableReplica(source);
        default -> throw new IllegalStateException("no implementation for " + arguments.command());
      }
    }
  }

  /** Runs the source in the foreground; with {@code stopOnCtrlC}, a JVM shutdown waits until it has stopped cleanly. */
  private void startReplica(Commands commands, String source) throws InterruptedException {
    if (!stopOnCtrlC) {
      commands.startReplica(source, replica -> { });
      return;
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread[] hook = new Thread[1];
    try {
      commands.startReplica(source, replica -> {
        hook[0] = new Thread(() -> {
          replica.requestStop();
          try {
            finished.await(CTRL_C_WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "chameleon-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook[0]);
      });
    } finally {
      finished.countDown();
      if (hook[0] != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook[0]);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it returns now that the source is stopped
        }
      }
    }
  }

  private int fail(CliArguments arguments, String message, Exception e) {
    err.println("chameleon: " + message);
    if (arguments.debug()) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** The config file's name without its extension names threads, pools and log lines, like pg_chameleon's config name. */
  static String instanceName(Path config) {
    String name = config.getFileName() == null ? "" : config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    name = name.length() > 40 ? name.substring(0, 40) : name;
    return name.isEmpty() ? "chameleon" : name;
  }

  /** Log lines to stderr: warnings only, or with {@code --debug} the library's debug lines too. */
  private static void configureLogging(boolean debug) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(Level.WARN);
    context.getLogger("io.chameleon").setLevel(debug ? Level.DEBUG : Level.WARN);
    // the binlog client logs through java.util.logging: the root logger is the one reference that stays
    java.util.logging.Logger.getLogger("").setLevel(debug ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
  }
}
