package io.chameleon.internal.catalog;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** Entry to the catalogue through the generated jOOQ classes. */
public final class Catalogue {

  /** The schema every catalogue object lives in, as pg_chameleon named it. */
  public static final String SCHEMA = "sch_chameleon";

  private static final Settings SETTINGS =
      new Settings()
          .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
          .withExecuteLogging(false);

  private Catalogue() {}

  /** A jOOQ context on one connection; the caller owns the connection and its transaction. */
  public static DSLContext on(Connection connection) {
    return DSL.using(connection, SQLDialect.POSTGRES, SETTINGS);
  }
}
