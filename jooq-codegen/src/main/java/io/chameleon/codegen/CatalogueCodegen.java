package io.chameleon.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes of the catalogue from the migration scripts themselves.
 *
 * <p>It starts an embedded PostgreSQL, runs the upgrader's history table script and every
 * script named in {@code migrations.list} in order, and points jOOQ's {@code PostgresDatabase} at the resulting {@code sch_chameleon}
 * schema. jOOQ's open-source {@code DDLDatabase} cannot interpret {@code INHERITS}, PL/pgSQL
 * functions or {@code DO} blocks, so a real server is the only faithful reader of the scripts.
 *
 * <p>Generation is skipped when the output already matches the scripts (a stamp file holds
 * their digest), so an unchanged catalogue costs one JVM start per build.
 *
 * <p>Arguments: scripts folder, output folder, target package.
 */
public final class CatalogueCodegen {

  private static final String CATALOGUE_SCHEMA = "sch_chameleon";
  private static final String STAMP_FILE = ".catalogue-digest";
  /** The upgrader's history table: not a migration, but part of the catalogue it reads. */
  private static final String HISTORY_SCRIPT = "schema_history.sql";

  private CatalogueCodegen() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: CatalogueCodegen <scripts folder> <output folder> <target package>");
    }
    Path scripts = Path.of(args[0]);
    Path output = Path.of(args[1]);
    String targetPackage = args[2];

    List<Path> ordered = new ArrayList<>();
    ordered.add(scripts.resolve(HISTORY_SCRIPT));
    ordered.addAll(orderedScripts(scripts));
    String digest = digest(ordered, targetPackage);
    Path stamp = output.resolve(STAMP_FILE);
    if (Files.exists(stamp) && Files.readString(stamp).equals(digest)) {
      System.out.println("[codegen] catalogue classes are up to date with " + ordered.size() + " scripts");
      return;
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Connection connection = postgres.getPostgresDatabase().getConnection()) {
      applyScripts(connection, ordered);
      GenerationTool tool = new GenerationTool();
      tool.setConnection(connection);
      tool.run(configuration(output, targetPackage));
    }
    Files.writeString(stamp, digest);
    System.out.println("[codegen] generated catalogue classes from " + ordered.size() + " scripts");
  }

  /** The scripts in the order {@code migrations.list} gives, the same order the upgrader uses. */
  private static List<Path> orderedScripts(Path folder) throws IOException {
    List<Path> scripts = new ArrayList<>();
    for (String line : Files.readAllLines(folder.resolve("migrations.list"), StandardCharsets.UTF_8)) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Path script = folder.resolve(name);
      if (!Files.isRegularFile(script)) {
        throw new IOException("migrations.list names " + name + " but " + script + " does not exist");
      }
      scripts.add(script);
    }
    return scripts;
  }

  private static void applyScripts(Connection connection, List<Path> scripts)
      throws IOException, SQLException {
    for (Path script : scripts) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(Files.readString(script, StandardCharsets.UTF_8));
      } catch (SQLException e) {
        throw new SQLException("script " + script.getFileName() + " failed: " + e.getMessage(), e);
      }
    }
  }

  private static Configuration configuration(Path output, String targetPackage) {
    return new Configuration()
        .withGenerator(
            new Generator()
                .withDatabase(
                    new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema(CATALOGUE_SCHEMA))
                .withGenerate(
                    new Generate()
                        .withGeneratedAnnotation(false)
                        .withJavaTimeTypes(true)
                        .withRecords(true)
                        .withRoutines(true)
                        .withPojos(false)
                        .withDaos(false))
                .withTarget(
                    new Target()
                        .withPackageName(targetPackage)
                        .withDirectory(output.toString())
                        .withClean(true)));
  }

  private static String digest(List<Path> scripts, String targetPackage) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(targetPackage.getBytes(StandardCharsets.UTF_8));
      for (Path script : scripts) {
        sha.update(script.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(script));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
