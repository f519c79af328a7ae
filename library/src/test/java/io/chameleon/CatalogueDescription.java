package io.chameleon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A textual description of everything in {@code sch_chameleon} as PostgreSQL's catalogues
 * report it: relations and their kinds, columns with types, defaults and nullability,
 * constraints, indexes, inheritance, functions, views and types. Two catalogues with equal
 * descriptions have the same structure.
 */
final class CatalogueDescription {

  private static final String[] QUERIES = {
    // relations
    """
    SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text
           || coalesce(' options=' || array_to_string(c.reloptions, ','), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'sch_chameleon' AND c.relkind IN ('r', 'v', 'p', 'S', 'i')
    """,
    // columns
    """
    SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
           || ' inherited=' || a.attinhcount
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'sch_chameleon' AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relkind IN ('r', 'v', 'p')
    """,
    // constraints
    """
    SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'sch_chameleon'
    """,
    // indexes
    """
    SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'sch_chameleon'
    """,
    // inheritance
    """
    SELECT 'inherits ' || child.relname || ' -> ' || parent.relname
      FROM pg_inherits i
      JOIN pg_class child ON child.oid = i.inhrelid
      JOIN pg_class parent ON parent.oid = i.inhparent
      JOIN pg_namespace n ON n.oid = parent.relnamespace
     WHERE n.nspname = 'sch_chameleon'
    """,
    // functions
    """
    SELECT 'function ' || pg_get_functiondef(p.oid)
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'sch_chameleon'
    """,
    // views
    """
    SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'sch_chameleon'
    """,
    // types
    """
    SELECT 'type ' || t.typname || ' ' || coalesce(
             (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                FROM pg_enum e WHERE e.enumtypid = t.oid), '')
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'sch_chameleon' AND t.typtype = 'e'
    """
  };

  private CatalogueDescription() {}

  static List<String> of(DataSource dataSource) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String query : QUERIES) {
        try (ResultSet rows = statement.executeQuery(query)) {
          while (rows.next()) {
            lines.add(rows.getString(1));
          }
        }
      }
    }
    lines.sort(null);
    return lines;
  }
}
