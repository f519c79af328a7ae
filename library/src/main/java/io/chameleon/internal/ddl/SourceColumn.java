package io.chameleon.internal.ddl;

import io.chameleon.internal.capture.ColumnInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of a source table in the {@link SchemaModel}: what the capture side needs
 * ({@link ColumnInfo}) and what only DDL tells (AUTO_INCREMENT, the DEFAULT). Immutable.
 *
 * @param info the column as the capture side describes it
 * @param autoIncrement AUTO_INCREMENT (an identity column in PostgreSQL where the type allows)
 * @param defaultValue the DEFAULT clause; empty when there is none, or when the column was
 *     seeded from information_schema without it
 */
public record SourceColumn(ColumnInfo info, boolean autoIncrement, Optional<DefaultValue> defaultValue) {

  /** Checks the components. */
  public SourceColumn {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  /** A column seeded from information_schema: no AUTO_INCREMENT, no known default. */
  public static SourceColumn of(ColumnInfo info) {
    return new SourceColumn(info, false, Optional.empty());
  }

  /** The column name. */
  public String name() {
    return info.name();
  }

  /** This column with another name. */
  public SourceColumn withName(String name) {
    ColumnInfo c = info;
    return new SourceColumn(new ColumnInfo(name, c.type(), c.unsigned(), c.charset(), c.length(), c.precision(),
        c.scale(), c.fractionalSeconds(), c.labels(), c.nullable(), c.json()), autoIncrement, defaultValue);
  }

  /** This column with other capture-side details. */
  public SourceColumn withInfo(ColumnInfo newInfo) {
    return new SourceColumn(newInfo, autoIncrement, defaultValue);
  }

  /** This column with another default. */
  public SourceColumn withDefault(Optional<DefaultValue> value) {
    return new SourceColumn(info, autoIncrement, value);
  }
}
