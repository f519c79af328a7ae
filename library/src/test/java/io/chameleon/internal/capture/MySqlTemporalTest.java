package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The temporal wire formats, encoded here independently after MySQL's sql-common/my_time.c
 * (my_time_packed_to_binary, my_datetime_packed_to_binary) and decoded by {@link MySqlTemporal}.
 */
class MySqlTemporalTest {

  private static final long MICROS = 1_000_000L;

  /** TIME2 as MySQL stores it: offset integer part, fraction borrowed for negative values. */
  private static byte[] time2(long micros, int fsp) {
    boolean negative = micros < 0;
    long magnitude = Math.abs(micros);
    long seconds = magnitude / MICROS;
    long hms = (seconds / 3600) << 12 | (seconds / 60 % 60) << 6 | (seconds % 60);
    long packed = (hms << 24) + magnitude % MICROS;
    if (negative) {
      packed = -packed;
    }
    long intPart = packed >> 24; // arithmetic shift: floor, like C on the platforms MySQL runs on
    long frac = packed % (1L << 24); // truncated, like C
    switch (fsp) {
      case 0:
        return bigEndian(0x800000L + intPart, 3);
      case 1:
      case 2:
        return concat(bigEndian(0x800000L + intPart, 3), new byte[] {(byte) (frac / 10000)});
      case 3:
      case 4:
        return concat(bigEndian(0x800000L + intPart, 3), bigEndian((frac / 100) & 0xFFFF, 2));
      default:
        return bigEndian(packed + 0x800000000000L, 6);
    }
  }

  private static byte[] datetime2(LocalDateTime t, int fsp) {
    long ymd = ((t.getYear() * 13L + t.getMonthValue()) << 5) | t.getDayOfMonth();
    long hms = ((long) t.getHour() << 12) | ((long) t.getMinute() << 6) | t.getSecond();
    byte[] whole = bigEndian(((ymd << 17) | hms) + 0x8000000000L, 5);
    int micros = t.getNano() / 1000;
    switch (fsp) {
      case 1:
      case 2:
        return concat(whole, new byte[] {(byte) (micros / 10000)});
      case 3:
      case 4:
        return concat(whole, bigEndian(micros / 100, 2));
      case 5:
      case 6:
        return concat(whole, bigEndian(micros, 3));
      default:
        return whole;
    }
  }

  private static byte[] bigEndian(long value, int length) {
    byte[] bytes = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      bytes[i] = (byte) value;
      value >>= 8;
    }
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static BinlogBytes in(byte[] bytes) {
    return new BinlogBytes(bytes);
  }

  private static long micros(int hours, int minutes, int seconds, int fraction) {
    return ((hours * 3600L) + minutes * 60L + seconds) * MICROS + fraction;
  }

  @Test
  void negativeTimeHasTheBytesMySqlWritesAndDecodesBack() throws IOException {
    // -838:59:59 at fsp 0 is 0x4B9105; the connector read its fields as 185:04:05
    assertThat(time2(-micros(838, 59, 59, 0), 0)).containsExactly(0x4B, 0x91, 0x05);
    assertThat(MySqlTemporal.timeV2(0, in(new byte[] {0x4B, (byte) 0x91, 0x05})))
        .isEqualTo(-micros(838, 59, 59, 0));
    // -00:00:00.01 at fsp 2 is 0x7FFFFF 0xFF (my_time.c's own table)
    assertThat(time2(-10_000, 2)).containsExactly(0x7F, 0xFF, 0xFF, 0xFF);
    assertThat(MySqlTemporal.timeV2(2, in(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})))
        .isEqualTo(-10_000L);
  }

  @Test
  void everyTimeRoundTripsAtEveryPrecision() throws IOException {
    int[] hours = {0, 1, 12, 23, 24, 99, 100, 837, 838};
    int[] minutesAndSeconds = {0, 1, 30, 59};
    int[] fractions = {0, 1, 10, 100, 1000, 10_000, 100_000, 500_000, 999_999, 123_456};
    for (int fsp = 0; fsp <= 6; fsp++) {
      long unit = (long) Math.pow(10, 6 - fsp);
      for (int h : hours) {
        for (int m : minutesAndSeconds) {
          for (int s : minutesAndSeconds) {
            for (int f : fractions) {
              long fraction = f / unit * unit;
              long value = micros(h, m, s, (int) fraction);
              if (value > micros(838, 59, 59, 0)) {
                continue;
              }
              for (long signed : new long[] {value, -value}) {
                assertThat(MySqlTemporal.timeV2(fsp, in(time2(signed, fsp))))
                    .as("TIME(%d) %d", fsp, signed).isEqualTo(signed);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void oldTimeIsSignedDecimalHhmmss() throws IOException {
    int value = -8385959; // -838:59:59
    byte[] bytes = {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    assertThat(MySqlTemporal.timeV1(in(bytes))).isEqualTo(-micros(838, 59, 59, 0));
    int positive = 123456;
    assertThat(MySqlTemporal.timeV1(in(new byte[] {(byte) positive, (byte) (positive >> 8), (byte) (positive >> 16)})))
        .isEqualTo(micros(12, 34, 56, 0));
  }

  @Test
  void datetimesAreProlepticGregorianAtEveryPrecision() throws IOException {
    Random random = new Random(42);
    long first = LocalDate.of(1, 1, 1).toEpochDay();
    long last = LocalDate.of(9999, 12, 31).toEpochDay();
    for (int i = 0; i < 20_000; i++) {
      int fsp = i % 7;
      long unit = (long) Math.pow(10, 6 - fsp);
      LocalDateTime t = LocalDate.ofEpochDay(first + (long) (random.nextDouble() * (last - first)))
          .atStartOfDay().plus(random.nextInt(86_400) * MICROS + random.nextInt(1_000_000) / unit * unit,
              ChronoUnit.MICROS);
      long expected = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
      assertThat(MySqlTemporal.datetimeV2(fsp, in(datetime2(t, fsp)))).as("%s fsp %d", t, fsp).isEqualTo(expected);
    }
    // before the Gregorian reform: the connector would have used the Julian calendar here
    LocalDateTime reform = LocalDateTime.of(1582, 10, 4, 1, 2, 3);
    assertThat(MySqlTemporal.datetimeV2(0, in(datetime2(reform, 0))))
        .isEqualTo(reform.toEpochSecond(ZoneOffset.UTC) * MICROS);
  }

  @Test
  void zeroAndImpossibleDatesAreNull() throws IOException {
    assertThat(MySqlTemporal.dateTimeMicros(0, 0, 0, 0, 0, 0, 0)).isNull();
    assertThat(MySqlTemporal.dateTimeMicros(2020, 0, 15, 0, 0, 0, 0)).isNull();
    assertThat(MySqlTemporal.dateTimeMicros(2020, 5, 0, 0, 0, 0, 0)).isNull();
    assertThat(MySqlTemporal.dateTimeMicros(2021, 2, 29, 0, 0, 0, 0)).isNull();
    assertThat(MySqlTemporal.dateTimeMicros(2024, 2, 29, 0, 0, 0, 0)).isNotNull();
    assertThat(MySqlTemporal.dateTimeMicros(1900, 2, 29, 0, 0, 0, 0)).as("1900 is not leap").isNull();
    assertThat(MySqlTemporal.dateTimeMicros(2000, 2, 29, 0, 0, 0, 0)).isNotNull();
    assertThat(MySqlTemporal.date(in(new byte[] {0, 0, 0}))).isNull();
    assertThat(MySqlTemporal.timestampV2(0, in(new byte[] {0, 0, 0, 0}))).isNull();
    assertThat(MySqlTemporal.timestampV1(in(new byte[] {0, 0, 0, 0}))).isNull();
    assertThat(MySqlTemporal.year(in(new byte[] {0}))).isZero();
    assertThat(MySqlTemporal.year(in(new byte[] {(byte) 255}))).isEqualTo(2155);
  }

  @Test
  void datesFormatAsPostgresInputWithBcForYearZeroAndBefore() {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      LocalDate date = LocalDate.ofEpochDay(random.nextInt(3_000_000) - 719_162); // years 1..~9200
      JsonWriter out = JsonWriter.plain();
      MySqlTemporal.appendDate(out, date.toEpochDay());
      assertThat(out.toString()).isEqualTo(date.format(iso));
      assertThat(MySqlTemporal.daysFromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .isEqualTo(date.toEpochDay());
    }
    JsonWriter out = JsonWriter.plain();
    MySqlTemporal.appendDate(out, LocalDate.of(0, 1, 1).toEpochDay());
    assertThat(out.toString()).isEqualTo("0001-01-01 BC");
    out.reset();
    MySqlTemporal.appendDateTime(out, ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
        LocalDateTime.of(0, 12, 31, 23, 59, 59, 500_000_000)));
    assertThat(out.toString()).isEqualTo("0001-12-31 23:59:59.5 BC");
  }

  @Test
  void timesAndDatetimesFormatWithoutTrailingZeros() {
    JsonWriter out = JsonWriter.plain();
    MySqlTemporal.appendDuration(out, -micros(838, 59, 59, 0));
    assertThat(out.toString()).isEqualTo("-838:59:59");
    out.reset();
    MySqlTemporal.appendDuration(out, -micros(0, 0, 0, 1));
    assertThat(out.toString()).isEqualTo("-00:00:00.000001");
    out.reset();
    MySqlTemporal.appendDuration(out, micros(1, 2, 3, 450_000));
    assertThat(out.toString()).isEqualTo("01:02:03.45");
    out.reset();
    MySqlTemporal.appendDateTime(out, -1);
    assertThat(out.toString()).isEqualTo("1969-12-31 23:59:59.999999");
    out.reset();
    MySqlTemporal.appendDateTime(out, micros(0, 0, 0, 50));
    assertThat(out.toString()).isEqualTo("1970-01-01 00:00:00.00005");
  }

  @Test
  void everyFractionOfASecondKeepsItsDigitsUpToTheLastNonZeroOne() {
    JsonWriter out = JsonWriter.plain();
    for (int fraction = 0; fraction < 1_000_000; fraction++) {
      out.reset();
      MySqlTemporal.appendDuration(out, micros(10, 0, 0, fraction));
      String digits = String.valueOf(1_000_000 + fraction).substring(1).replaceFirst("0+$", "");
      String expected = digits.isEmpty() ? "10:00:00" : "10:00:00." + digits;
      if (!out.toString().equals(expected)) {
        assertThat(out.toString()).as("fraction %d", fraction).isEqualTo(expected);
      }
    }
  }
}
