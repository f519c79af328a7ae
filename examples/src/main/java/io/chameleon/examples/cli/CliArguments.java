package io.chameleon.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line: {@code <command> --config <file> [--source <name>] [--tables s.t,s.u]
 * [--debug]}. Options take their value as the next argument or after {@code =}.
 *
 * @param command the command, e.g. {@code start_replica}
 * @param config the configuration file
 * @param source the source the command acts on, when given
 * @param tables the tables of {@code sync_tables} ({@code schema.table}, MySQL names)
 * @param debug whether to print stack traces and debug logging
 */
record CliArguments(Command command, Path config, Optional<String> source, List<String> tables, boolean debug) {

  /** The commands, named as pg_chameleon names them. */
  enum Command {
    CREATE_REPLICA_SCHEMA(false, "creates the replica catalogue (sch_chameleon) in pg_conn's database"),
    UPGRADE_REPLICA_SCHEMA(false, "upgrades the catalogue to this version (also a pg_chameleon 1.2 one)"),
    ADD_SOURCE(true, "registers the source in the catalogue"),
    DROP_SOURCE(true, "removes a stopped source, its batches and log tables (the target schemas stay)"),
    INIT_REPLICA(true, "copies the source's tables to PostgreSQL under a consistent snapshot"),
    START_REPLICA(true, "replicates in the foreground until Ctrl-C or stop_replica"),
    STOP_REPLICA(true, "stops the source's start_replica, wherever it runs, and waits for it"),
    SYNC_TABLES(true, "copies the --tables afresh and replicates them from there"),
    SHOW_STATUS(false, "shows every source (or the --source in detail)"),
    DETACH_REPLICA(true, "stops replicating for good: resets sequences, drops the source, keeps the data"),
    ENABLE_REPLICA(true, "clears a source's error state so that it can start again");

    final boolean needsSource;
    final String summary;

    Command(boolean needsSource, String summary) {
      this.needsSource = needsSource;
      this.summary = summary;
    }

    String commandName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Command> named(String name) {
      return Arrays.stream(values()).filter(c -> c.commandName().equals(name)).findFirst();
    }
  }

  /** pg_chameleon commands this front end does not have, so that they get a precise message. */
  private static final List<String> PG_CHAMELEON_ONLY = List.of("drop_replica_schema", "refresh_schema",
      "run_maintenance", "show_errors", "set_configuration_files", "copy_schema", "update_schema_mappings");

  /**
   * @throws UsageException naming what is wrong with the command line
   * @throws HelpRequested when {@code --help} is asked for
   */
  static CliArguments parse(String... args) {
    String command = null;
    String config = null;
    String source = null;
    String tables = null;
    boolean debug = false;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "-h", "--help", "help" -> throw new HelpRequested();
        case "--debug" -> debug = true;
        case "--config" -> config = value(arg, option, rest);
        case "--source" -> source = value(arg, option, rest);
        case "--tables" -> tables = value(arg, option, rest);
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + option + " (options: --config, --source, --tables, --debug)");
          }
          if (command != null) {
            throw new UsageException("one command at a time: '" + command + "' and '" + arg + "'");
          }
          command = arg;
        }
      }
    }
    if (command == null) {
      throw new UsageException("no command given");
    }
    String commandName = command;
    Command parsed = Command.named(command).orElseThrow(() -> new UsageException(
        PG_CHAMELEON_ONLY.contains(commandName)
            ? "'" + commandName + "' is a pg_chameleon command this front end does not have"
            : "unknown command '" + commandName + "'"));
    if (config == null) {
      throw new UsageException(command + " needs --config <file.yml>");
    }
    if (parsed.needsSource && source == null) {
      throw new UsageException(command + " needs --source <name>");
    }
    if (parsed == Command.SYNC_TABLES && tables == null) {
      throw new UsageException("sync_tables needs --tables schema.table[,schema.table...]");
    }
    if (parsed != Command.SYNC_TABLES && tables != null) {
      throw new UsageException("--tables is for sync_tables only");
    }
    List<String> tableList = tables == null ? List.of()
        : Arrays.stream(tables.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    for (String table : tableList) {
      if (!table.matches("[^.]+\\.[^.]+")) {
        throw new UsageException("--tables: '" + table + "' is not schema.table");
      }
    }
    if (parsed == Command.SYNC_TABLES && tableList.isEmpty()) {
      throw new UsageException("--tables: no table given");
    }
    return new CliArguments(parsed, configPath(config), Optional.ofNullable(source), tableList, debug);
  }

  /**
   * The file as given, or, for a bare name that is no file here, pg_chameleon's
   * {@code ~/.pg_chameleon/configuration/<name>.yml}.
   */
  private static Path configPath(String config) {
    Path given = Path.of(config);
    if (Files.exists(given) || config.contains("/") || config.endsWith(".yml") || config.endsWith(".yaml")) {
      return given;
    }
    Path pgChameleon = Path.of(System.getProperty("user.home"), ".pg_chameleon", "configuration", config + ".yml");
    return Files.exists(pgChameleon) ? pgChameleon : given;
  }

  private static String value(String arg, String option, List<String> rest) {
    if (arg.length() > option.length()) {
      return arg.substring(option.length() + 1);
    }
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return rest.remove(0);
  }

  static String usage() {
    StringBuilder text = new StringBuilder()
        .append("usage: chameleon <command> --config <file.yml> [--source <name>] [--tables s.t,s.u] [--debug]\n\n")
        .append("commands:\n");
    for (Command command : Command.values()) {
      text.append(String.format("  %-24s %s%s%n", command.commandName(), command.summary,
          command.needsSource ? " (--source)" : ""));
    }
    return text.append("\nexit status: 0 done, 1 failed (message on stderr; --debug adds the stack trace), 2 usage error\n")
        .toString();
  }

  /** {@code --help}: print the usage and exit 0. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help", null, false, false);
    }
  }
}
