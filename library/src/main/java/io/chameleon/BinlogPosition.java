package io.chameleon;

import java.util.Objects;
import java.util.Optional;

/**
 * A point in a source's binary log: the file and byte position, and the GTID set executed up to
 * there when the source uses GTIDs.
 *
 * @param file binlog file name, e.g. {@code mysql-bin.000003}
 * @param position byte offset in that file
 * @param gtidSet the executed GTID set at this point (MySQL or MariaDB form), when tracked
 */
public record BinlogPosition(String file, long position, Optional<String> gtidSet) {

  public BinlogPosition {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(gtidSet, "gtidSet");
  }

  public BinlogPosition(String file, long position) {
    this(file, position, Optional.empty());
  }

  @Override
  public String toString() {
    return file + ":" + position + gtidSet.map(g -> " (GTID " + g + ")").orElse("");
  }
}
