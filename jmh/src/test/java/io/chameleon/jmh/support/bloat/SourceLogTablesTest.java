package io.chameleon.jmh.support.bloat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLogTablesTest {

  private final List<String> executed = new ArrayList<>();

  @Test
  void flipFlopAlternatesBatchByBatchAndDeletesReplayedRows() throws Exception {
    SourceLogTables tables = new SourceLogTables.FlipFlop("t1", "t2");

    assertThat(List.of(tables.tableFor(writer(), 0, 0), tables.tableFor(writer(), 1, 0), tables.tableFor(writer(), 2, 1)))
        .containsExactly("t1", "t2", "t1");
    assertThat(tables.deletesReplayed()).isTrue();
    assertThat(executed).isEmpty();
  }

  @Test
  void rotationFillsATableThenTruncatesTheOtherOnceItIsReplayed() throws Exception {
    SourceLogTables tables = new SourceLogTables.Rotating("t1", "t2");
    int perTable = HarnessRun.BATCHES_PER_TABLE;
    for (int batch = 0; batch < perTable; batch++) {
      assertThat(tables.tableFor(writer(), batch, 0)).isEqualTo("t1");
    }
    // t2 has never held a batch: drained
    assertThat(tables.tableFor(writer(), perTable, 0)).isEqualTo("t2");
    assertThat(executed).containsExactly("TRUNCATE t2");
    for (int batch = perTable + 1; batch < 2 * perTable; batch++) {
      assertThat(tables.tableFor(writer(), batch, perTable - 1)).isEqualTo("t2");
    }
    // t1's last batch is not replayed yet: t2 takes more
    assertThat(tables.tableFor(writer(), 2 * perTable, perTable - 1)).isEqualTo("t2");
    assertThat(tables.tableFor(writer(), 2 * perTable + 1, perTable)).isEqualTo("t1");
    assertThat(executed).containsExactly("TRUNCATE t2", "TRUNCATE t1");
    assertThat(tables.deletesReplayed()).isFalse();
  }

  /** A connection whose statements only record the SQL they are given. */
  private Connection writer() {
    Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Statement.class}, (proxy, method, args) -> {
          if (method.getName().equals("execute")) {
            executed.add((String) args[0]);
            return false;
          }
          return null;
        });
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("createStatement") ? statement : null);
  }
}
