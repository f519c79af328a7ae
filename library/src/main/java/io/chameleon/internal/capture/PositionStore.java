package io.chameleon.internal.capture;

import static io.chameleon.internal.catalog.generated.Tables.T_SOURCES;

import io.chameleon.BinlogPosition;
import io.chameleon.internal.catalog.Catalogue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Record3;

/**
 * The read position a source resumes from: {@code t_sources}' coordinates, which every batch
 * commit moves forward in the same transaction as the batch.
 */
public final class PositionStore {

  private final DataSource catalogue;
  private final long sourceId;

  public PositionStore(DataSource catalogue, long sourceId) {
    this.catalogue = catalogue;
    this.sourceId = sourceId;
  }

  public Optional<BinlogPosition> load() throws SQLException {
    try (Connection connection = catalogue.getConnection()) {
      Record3<String, Long, String> row = Catalogue.on(connection)
          .select(T_SOURCES.T_BINLOG_NAME, T_SOURCES.I_BINLOG_POSITION, T_SOURCES.T_GTID_SET)
          .from(T_SOURCES)
          .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
          .fetchOne();
      if (row == null || row.value1() == null) {
        return Optional.empty();
      }
      return Optional.of(new BinlogPosition(row.value1(), row.value2(), Optional.ofNullable(row.value3())));
    }
  }

  /** Sets the position to start from, e.g. the end of the binlog when a source first starts. */
  public void save(BinlogPosition position) throws SQLException {
    try (Connection connection = catalogue.getConnection()) {
      Catalogue.on(connection)
          .update(T_SOURCES)
          .set(T_SOURCES.T_BINLOG_NAME, position.file())
          .set(T_SOURCES.I_BINLOG_POSITION, position.position())
          .set(T_SOURCES.T_GTID_SET, position.gtidSet().orElse(null))
          .where(T_SOURCES.I_ID_SOURCE.eq(sourceId))
          .execute();
    }
  }
}
