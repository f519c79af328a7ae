package io.chameleon.internal.capture;

import java.io.IOException;

/**
 * Decodes MySQL's temporal wire formats (row-based binlog, "binary" storage formats of
 * {@code sql-common/my_time.c}) exactly, and formats the results as PostgreSQL input text.
 *
 * <p>Values are {@code long} microseconds: DATE and DATETIME since 1970-01-01 00:00:00 on the
 * proleptic Gregorian calendar with astronomical year numbering (year 0 exists, as in MySQL and
 * {@code java.time}); TIMESTAMP since the epoch in UTC; TIME as a signed duration. A DATE or
 * DATETIME with a zero month or day (including the zero date), or a day the month does not have
 * (possible under {@code ALLOW_INVALID_DATES}), and the zero TIMESTAMP decode to {@code null}:
 * PostgreSQL has no such values.
 *
 * <p>Stateless; thread-safe.
 */
final class MySqlTemporal {

  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private static final long DATETIMEF_INT_OFS = 0x8000000000L;
  private static final long TIMEF_INT_OFS = 0x800000L;
  private static final long TIMEF_OFS = 0x800000000000L;

  private MySqlTemporal() {}

  // ---------------------------------------------------------------------------------- decoding

  /** DATE: 3 bytes little-endian, day:5 month:4 year:15. */
  static Long date(BinlogBytes in) throws IOException {
    int value = in.readInteger(3);
    return dateTimeMicros(value >>> 9, (value >>> 5) & 0x0F, value & 0x1F, 0, 0, 0, 0);
  }

  /** DATETIME before MySQL 5.6.4: 8 bytes little-endian holding YYYYMMDDhhmmss in decimal. */
  static Long datetimeV1(BinlogBytes in) throws IOException {
    long value = in.readLong(8);
    int second = (int) (value % 100);
    value /= 100;
    int minute = (int) (value % 100);
    value /= 100;
    int hour = (int) (value % 100);
    value /= 100;
    int day = (int) (value % 100);
    value /= 100;
    int month = (int) (value % 100);
    int year = (int) (value / 100);
    return dateTimeMicros(year, month, day, hour, minute, second, 0);
  }

  /** DATETIME2: 5 bytes big-endian (sign:1 year*13+month:17 day:5 hour:5 minute:6 second:6) + fraction. */
  static Long datetimeV2(int fsp, BinlogBytes in) throws IOException {
    long packed = in.bigEndian(5) - DATETIMEF_INT_OFS;
    int fraction = unsignedFraction(fsp, in);
    if (packed < 0) {
      return null; // no DATETIME before year 0 exists; MySQL never writes one
    }
    int yearMonth = (int) ((packed >>> 22) & 0x1FFFF);
    return dateTimeMicros(yearMonth / 13, yearMonth % 13, (int) ((packed >>> 17) & 0x1F),
        (int) ((packed >>> 12) & 0x1F), (int) ((packed >>> 6) & 0x3F), (int) (packed & 0x3F), fraction);
  }

  /** TIMESTAMP before MySQL 5.6.4: 4 bytes little-endian seconds since the epoch; 0 is the zero value. */
  static Long timestampV1(BinlogBytes in) throws IOException {
    long seconds = in.readLong(4);
    return seconds == 0 ? null : seconds * MICROS_PER_SECOND;
  }

  /** TIMESTAMP2: 4 bytes big-endian seconds since the epoch + fraction; 0 seconds is the zero value. */
  static Long timestampV2(int fsp, BinlogBytes in) throws IOException {
    long seconds = in.bigEndian(4);
    int fraction = unsignedFraction(fsp, in);
    return seconds == 0 ? null : seconds * MICROS_PER_SECOND + fraction;
  }

  /** TIME before MySQL 5.6.4: 3 bytes little-endian signed, HHMMSS in decimal. */
  static Long timeV1(BinlogBytes in) throws IOException {
    int value = (in.readInteger(3) << 8) >> 8;
    int sign = value < 0 ? -1 : 1;
    int hms = Math.abs(value);
    long seconds = (hms / 10000) * 3600L + ((hms / 100) % 100) * 60L + hms % 100;
    return sign * seconds * MICROS_PER_SECOND;
  }

  /**
   * TIME2: 3 bytes big-endian (sign:1 unused:1 hour:10 minute:6 second:6) offset by 0x800000,
   * then 0 to 3 fraction bytes; negative values are stored as the complement of the whole, with
   * the fraction borrowed from the integer part (my_time_packed_from_binary). The connector
   * reads the fields as if they were sign-and-magnitude and so decodes every negative TIME to a
   * wrong positive one; this does it right.
   */
  static Long timeV2(int fsp, BinlogBytes in) throws IOException {
    long packed;
    switch (fsp) {
      case 1:
      case 2: {
        long intPart = in.bigEndian(3) - TIMEF_INT_OFS;
        int frac = in.readInteger(1);
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x100;
        }
        packed = (intPart << 24) + frac * 10_000L;
        break;
      }
      case 3:
      case 4: {
        long intPart = in.bigEndian(3) - TIMEF_INT_OFS;
        int frac = (int) in.bigEndian(2);
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x10000;
        }
        packed = (intPart << 24) + frac * 100L;
        break;
      }
      case 5:
      case 6:
        packed = in.bigEndian(6) - TIMEF_OFS;
        break;
      default:
        packed = (in.bigEndian(3) - TIMEF_INT_OFS) << 24;
        break;
    }
    boolean negative = packed < 0;
    long magnitude = Math.abs(packed);
    long hms = magnitude >>> 24;
    long micros = magnitude & 0xFFFFFF;
    long total = (((hms >>> 12) & 0x3FF) * 3600L + ((hms >>> 6) & 0x3F) * 60L + (hms & 0x3F))
        * MICROS_PER_SECOND + micros;
    return negative ? -total : total;
  }

  /** YEAR: one byte, 0 for the zero year 0000, else the year minus 1900. */
  static Integer year(BinlogBytes in) throws IOException {
    int value = in.readInteger(1);
    return value == 0 ? 0 : 1900 + value;
  }

  /**
   * Microseconds since 1970-01-01 00:00:00 for a proleptic Gregorian date and time, or null when
   * the month or day is zero or the day does not exist in that month.
   */
  static Long dateTimeMicros(int year, int month, int day, int hour, int minute, int second, int micros) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return null;
    }
    long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    return seconds * MICROS_PER_SECOND + micros;
  }

  private static int unsignedFraction(int fsp, BinlogBytes in) throws IOException {
    switch (fsp) {
      case 1:
      case 2:
        return in.readInteger(1) * 10_000;
      case 3:
      case 4:
        return (int) in.bigEndian(2) * 100;
      case 5:
      case 6:
        return (int) in.bigEndian(3);
      default:
        return 0;
    }
  }

  static int daysInMonth(long year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean isLeap(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  // -------------------------------------------------------------------------------- formatting

  /**
   * Appends a date as PostgreSQL input: {@code yyyy-MM-dd}, or {@code yyyy-MM-dd BC} for years
   * before 1 (astronomical year 0 is 1 BC: PostgreSQL has no year 0).
   */
  static void appendDate(JsonWriter out, long epochDay) {
    if (appendYearMonthDay(out, epochDay)) {
      out.ascii(" BC");
    }
  }

  /** Appends {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, with {@code BC} last when the year is before 1. */
  static void appendDateTime(JsonWriter out, long epochMicros) {
    long epochDay = Math.floorDiv(epochMicros, MICROS_PER_DAY);
    long microOfDay = epochMicros - epochDay * MICROS_PER_DAY;
    boolean bc = appendYearMonthDay(out, epochDay);
    out.ascii(' ');
    appendClock(out, microOfDay / MICROS_PER_SECOND, microOfDay % MICROS_PER_SECOND);
    if (bc) {
      out.ascii(" BC");
    }
  }

  /** Appends the date part (H. Hinnant's civil_from_days); returns whether it is BC. */
  private static boolean appendYearMonthDay(JsonWriter out, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    boolean bc = year < 1;
    long shown = bc ? 1 - year : year;
    if (shown < 10_000) {
      out.twoDigits((int) shown / 100);
      out.twoDigits((int) shown % 100);
    } else {
      out.paddedDigits(shown, 4);
    }
    out.ascii('-');
    out.twoDigits(month);
    out.ascii('-');
    out.twoDigits(day);
    return bc;
  }

  /**
   * Appends a signed duration as {@code [-]HH:mm:ss[.ffffff]}, hours at least two digits (up to
   * 838 for MySQL): valid input for PostgreSQL {@code interval}, and for {@code time} when it is
   * within 00:00:00..24:00:00.
   */
  static void appendDuration(JsonWriter out, long micros) {
    if (micros < 0) {
      out.ascii('-');
      micros = -micros;
    }
    appendClock(out, micros / MICROS_PER_SECOND, micros % MICROS_PER_SECOND);
  }

  private static void appendClock(JsonWriter out, long totalSeconds, long fraction) {
    long hours = totalSeconds / 3600;
    if (hours < 100) {
      out.twoDigits((int) hours);
    } else {
      out.paddedDigits(hours, 2);
    }
    int secondOfHour = (int) (totalSeconds - hours * 3600);
    out.ascii(':');
    out.twoDigits(secondOfHour / 60);
    out.ascii(':');
    out.twoDigits(secondOfHour % 60);
    appendFraction(out, fraction);
  }

  /** Appends {@code .ffffff} without trailing zeros, or nothing for 0. */
  private static void appendFraction(JsonWriter out, long micros) {
    if (micros == 0) {
      return;
    }
    int fraction = (int) micros;
    out.ascii('.');
    out.twoDigits(fraction / 10_000);
    out.twoDigits(fraction / 100 % 100);
    out.twoDigits(fraction % 100);
    out.dropTrailingZeros(); // stops at the fraction's last non-zero digit
  }
}
