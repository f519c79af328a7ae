package io.chameleon.jmh.support.bloat;

import static org.assertj.core.api.Assertions.assertThat;

import io.chameleon.jmh.support.LogRows;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRowsTest {

  private static final String ROW_1 = "101\t7\torders\tshop\tinsert\t{\"id\":1,\"note\":\"a\\\\nb\"}\n";
  private static final String ROW_2 = "102\t7\torders\tshop\tupdate\t{\"id\":2}\n";
  private static final String ROW_3 = "103\t8\torders\tshop\tdelete\t{\"id\":3}\n";

  @Test
  void cutsRowsIntoBatchesAcrossChunksAndKeepsTheirBytes() {
    LogRows rows = rows(ROW_1 + ROW_2, ROW_3);

    BatchRows batches = BatchRows.split(rows, 2);

    assertThat(batches.batches()).isEqualTo(2);
    assertThat(batches.rows()).isEqualTo(3);
    assertThat(batches.asLogRows().chunks()).extracting(BatchRowsTest::text).containsExactly(ROW_1 + ROW_2, ROW_3);
  }

  @Test
  void renumbersTheRowsAndRewritesTheirBatchIdAndNothingElse() {
    BatchRows batches = BatchRows.split(rows(ROW_1 + ROW_2 + ROW_3), 3);

    assertThat(batches.rows(0)).isEqualTo(3);
    assertThat(text(batches.withIds(0, 41, 12345))).isEqualTo(
        "41\t12345\torders\tshop\tinsert\t{\"id\":1,\"note\":\"a\\\\nb\"}\n"
            + "42\t12345\torders\tshop\tupdate\t{\"id\":2}\n"
            + "43\t12345\torders\tshop\tdelete\t{\"id\":3}\n");
  }

  @Test
  void logRowsWithoutEventIdsLoseTheFirstFieldOfEachRowOnly() {
    LogRows stripped = rows(ROW_1 + ROW_2, ROW_3).withoutEventIds();

    assertThat(stripped.chunks()).extracting(BatchRowsTest::text).containsExactly(
        "7\torders\tshop\tinsert\t{\"id\":1,\"note\":\"a\\\\nb\"}\n7\torders\tshop\tupdate\t{\"id\":2}\n",
        "8\torders\tshop\tdelete\t{\"id\":3}\n");
    assertThat(stripped.rows()).isEqualTo(3);
    assertThat(stripped.bytes()).isEqualTo((ROW_1 + ROW_2 + ROW_3).length() - 12);
  }

  private static LogRows rows(String... chunks) {
    List<byte[]> bytes = java.util.Arrays.stream(chunks).map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    long rows = String.join("", chunks).chars().filter(c -> c == '\n').count();
    return new LogRows(bytes, rows, bytes.stream().mapToLong(b -> b.length).sum());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
