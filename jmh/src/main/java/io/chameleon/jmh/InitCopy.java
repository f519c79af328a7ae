package io.chameleon.jmh;

import io.chameleon.jmh.support.CpuUse;
import io.chameleon.jmh.support.InitSource;
import io.chameleon.jmh.support.MysqlRowStream;
import io.chameleon.jmh.support.OneSourceReplica;
import io.chameleon.jmh.support.Orders;
import io.chameleon.jmh.support.PlainTable;
import io.chameleon.jmh.support.RowCounter;
import io.chameleon.sandbox.SourceDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4: initial copy throughput (rows per second) of one table of several million rows,
 * beside the raw streaming COPY of the same rows measured in the same run (DESIGN.md section 8).
 * The table is {@link Orders} (ten columns of mixed types), 2,000,000 rows by default.
 *
 * <ul>
 *   <li>{@link #initReplica}: {@code ReplicaManager.initReplica} of one source on a fresh
 *       catalogue database: the target table created from MariaDB's metadata, the rows streamed
 *       under a consistent snapshot into {@code COPY}, the primary key built after the data,
 *       {@code ANALYZE}, the swap into the target schema. Afterwards the target's row count must
 *       be the source's.
 *   <li>{@link #rawCopy} (limit): the same rows read the same way (MariaDB Connector/J, a
 *       streaming result of 1,000 rows a fetch) and COPYed into a plain table with the types the
 *       initial copy gives them (no key, no index), in one transaction, with nothing between but
 *       the driver's text escaped for COPY ({@link MysqlRowStream}). This is the least any copy
 *       from MariaDB into PostgreSQL must do: both servers' work and one pass over the rows.
 * </ul>
 *
 * <p>One operation per iteration, CPU per process in the secondary results {@code cpu...}, each
 * trial in its own fork with its own servers: as in {@link BinlogToLogTable}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
public class InitCopy {

  /** A catalogue database of its own for each operation, dropped after it. */
  @State(Scope.Benchmark)
  public static class FreshReplica {
    OneSourceReplica replica;

    @Setup(Level.Iteration)
    public void open(InitSource source) throws Exception {
      replica = OneSourceReplica.create(source.sandbox(), source.database());
      replica.database().execute("CHECKPOINT");
    }

    @TearDown(Level.Iteration)
    public void check(InitSource source) throws Exception {
      try (Connection connection = replica.database().openConnection()) {
        long copied = count(connection, replica.target(Orders.TABLE));
        if (copied != source.rows) {
          throw new IllegalStateException("copied " + copied + " rows of " + source.rows);
        }
      } finally {
        replica.drop();
      }
    }
  }

  /** The plain table, made like the initial copy's table, and the stream from MariaDB. */
  @State(Scope.Benchmark)
  public static class RawStream {
    OneSourceReplica shape;
    PlainTable table;
    MysqlRowStream stream;

    /** Copies an empty table of the same definition, to make the plain table like the copy's. */
    @Setup(Level.Trial)
    public void open(InitSource source) throws Exception {
      SourceDatabase empty = source.sandbox().source().createDatabase("init_shape");
      empty.execute(Orders.DDL);
      shape = OneSourceReplica.create(source.sandbox(), empty);
      shape.initReplica();
      table = PlainTable.create(shape.database(), "bench_raw.orders", shape.target(Orders.TABLE));
      stream = new MysqlRowStream(source.database(), Orders.TABLE);
    }

    @Setup(Level.Iteration)
    public void reset() throws Exception {
      table.reset();
    }

    @TearDown(Level.Iteration)
    public void check(InitSource source) throws Exception {
      if (table.count() != source.rows) {
        throw new IllegalStateException(table.count() + " rows COPYed of " + source.rows);
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      table.close();
      shape.close();
    }
  }

  /** The initial copy of the table; the rate counts its rows. */
  @Benchmark
  public void initReplica(FreshReplica fresh, InitSource source, RowCounter counter, CpuUse cpu) {
    counter.begin();
    cpu.begin();
    fresh.replica.initReplica();
    cpu.end();
    counter.rows += source.rows;
  }

  /** Limit: the table's rows streamed from MariaDB into a plain table. */
  @Benchmark
  public void rawCopy(RawStream raw, RowCounter counter, CpuUse cpu) throws Exception {
    counter.begin();
    cpu.begin();
    counter.rows += raw.table.copy(raw.stream);
    cpu.end();
  }

  private static long count(Connection connection, String table) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }
}
