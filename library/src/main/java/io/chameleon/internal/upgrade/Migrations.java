package io.chameleon.internal.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The migrations shipped in this jar, in the order {@code migrations.list} gives (the same list
 * the build's jOOQ generator applies).
 */
public final class Migrations {

  static final String FOLDER = "/io/chameleon/migrations/";

  private Migrations() {}

  /** Every shipped migration, oldest first; fails if the list and the versions disagree. */
  public static List<Migration> shipped() {
    List<Migration> migrations = new ArrayList<>();
    for (String line : resource("migrations.list").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        migrations.add(Migration.of(name, resource(name)));
      }
    }
    for (int i = 1; i < migrations.size(); i++) {
      if (!migrations.get(i).version().isNewerThan(migrations.get(i - 1).version())) {
        throw new IllegalStateException("migrations.list is out of order at " + migrations.get(i).script());
      }
    }
    return List.copyOf(migrations);
  }

  /** The catalogue version this library is written for: the newest shipped migration. */
  public static CatalogueVersion latest() {
    List<Migration> all = shipped();
    return all.get(all.size() - 1).version();
  }

  /** The SQL that creates the upgrader's history table. */
  static String historyTableSql() {
    return resource("schema_history.sql");
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("catalogue resource " + FOLDER + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalogue resource " + FOLDER + name, e);
    }
  }
}
