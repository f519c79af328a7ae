package io.chameleon.internal.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonFormatter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Writes JSON column values into a {@link JsonWriter} as JSON (not as strings holding JSON):
 * MySQL's binary JSON through the connector's {@link JsonBinary} parser, and JSON text (MariaDB's
 * JSON alias is a LONGTEXT) through Jackson's streaming parser, which also validates it. Numbers
 * keep their exact digits; NUL leaves strings and keys, as it leaves text (jsonb cannot hold it).
 * Thread-safe (stateless apart from the shared factory).
 */
final class JsonValues {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .maxNestingDepth(10_000)
          .build())
      .build();

  private JsonValues() {}

  /**
   * Writes a MySQL binary JSON value. An empty value (MySQL writes one for a JSON column that
   * was added NOT NULL to a table with rows) is the JSON null literal, as MySQL reads it.
   *
   * <p>Scalars MySQL keeps inside JSON that JSON has no type for are written as MySQL's own
   * JSON_UNQUOTE text: DATE {@code "2024-02-29"}, DATETIME and TIMESTAMP
   * {@code "2024-02-29 13:14:15.000000"}, TIME {@code "-01:02:03.000000"}, opaque values
   * {@code "base64:type<N>:<base64>"}.
   */
  static void writeBinary(JsonWriter writer, byte[] value) throws IOException {
    if (value.length == 0) {
      writer.nullValue();
      return;
    }
    JsonBinary.parse(value, new BinaryFormatter(writer));
  }

  /**
   * Copies JSON text, checking that it is exactly one JSON value.
   *
   * @throws IOException if the text is not JSON
   */
  static void writeText(JsonWriter writer, byte[] bytes, Charset charset) throws IOException {
    JsonParser parser = charset == StandardCharsets.UTF_8
        ? FACTORY.createParser(bytes)
        : FACTORY.createParser(new String(bytes, charset));
    try (parser) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("empty text is not JSON");
      }
      int depth = 0;
      do {
        switch (token) {
          case START_OBJECT:
            writer.beginObject();
            depth++;
            break;
          case END_OBJECT:
            writer.endObject();
            depth--;
            break;
          case START_ARRAY:
            writer.beginArray();
            depth++;
            break;
          case END_ARRAY:
            writer.endArray();
            depth--;
            break;
          case FIELD_NAME:
            writer.name(RowEncoder.withoutNul(parser.currentName()));
            break;
          case VALUE_STRING:
            writer.string(RowEncoder.withoutNul(parser.getText()));
            break;
          case VALUE_NUMBER_INT:
          case VALUE_NUMBER_FLOAT:
            writer.literal(parser.getText());
            break;
          case VALUE_TRUE:
            writer.literal("true");
            break;
          case VALUE_FALSE:
            writer.literal("false");
            break;
          case VALUE_NULL:
            writer.nullValue();
            break;
          default:
            throw new IOException("unexpected JSON token " + token);
        }
      } while (depth > 0 && (token = parser.nextToken()) != null);
      if (parser.nextToken() != null) {
        throw new IOException("text after the JSON value at " + parser.currentLocation());
      }
    }
  }

  /** Receives the connector's binary JSON events. Commas are the writer's business. */
  private static final class BinaryFormatter implements JsonFormatter {
    private final JsonWriter writer;

    BinaryFormatter(JsonWriter writer) {
      this.writer = writer;
    }

    @Override
    public void beginObject(int numElements) {
      writer.beginObject();
    }

    @Override
    public void beginArray(int numElements) {
      writer.beginArray();
    }

    @Override
    public void endObject() {
      writer.endObject();
    }

    @Override
    public void endArray() {
      writer.endArray();
    }

    @Override
    public void name(String name) {
      writer.name(RowEncoder.withoutNul(name));
    }

    @Override
    public void value(String value) {
      writer.string(RowEncoder.withoutNul(value));
    }

    @Override
    public void value(int value) {
      writer.number(value);
    }

    @Override
    public void value(long value) {
      writer.number(value);
    }

    @Override
    public void value(double value) {
      writer.literal(Double.toString(value));
    }

    @Override
    public void value(BigInteger value) {
      writer.literal(value.toString());
    }

    @Override
    public void value(BigDecimal value) {
      writer.literal(value.toPlainString());
    }

    @Override
    public void value(boolean value) {
      writer.literal(value ? "true" : "false");
    }

    @Override
    public void valueNull() {
      writer.nullValue();
    }

    @Override
    public void valueYear(int year) {
      writer.number(year);
    }

    @Override
    public void valueDate(int year, int month, int day) {
      StringBuilder text = new StringBuilder(10);
      appendDate(text, year, month, day);
      writer.string(text.toString());
    }

    @Override
    public void valueDatetime(int year, int month, int day, int hour, int min, int sec, int micros) {
      StringBuilder text = new StringBuilder(26);
      appendDate(text, year, month, day);
      text.append(' ');
      appendTime(text, hour, min, sec, micros);
      writer.string(text.toString());
    }

    @Override
    public void valueTime(int hour, int min, int sec, int micros) {
      StringBuilder text = new StringBuilder(17);
      if (hour < 0) {
        text.append('-');
        hour = -hour;
      }
      appendTime(text, hour, min, sec, micros);
      writer.string(text.toString());
    }

    @Override
    public void valueTimestamp(long secondsPastEpoch, int micros) {
      StringBuilder text = new StringBuilder(26);
      long epochDay = Math.floorDiv(secondsPastEpoch, 86_400L);
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      appendDate(text, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
      long secondOfDay = secondsPastEpoch - epochDay * 86_400L;
      text.append(' ');
      appendTime(text, (int) (secondOfDay / 3600), (int) (secondOfDay / 60 % 60), (int) (secondOfDay % 60), micros);
      writer.string(text.toString());
    }

    @Override
    public void valueOpaque(ColumnType type, byte[] value) {
      writer.string("base64:type" + type.getCode() + ":" + Base64.getEncoder().encodeToString(value));
    }

    @Override
    public void nextEntry() {
      // the writer places its own commas
    }

    private static void appendDate(StringBuilder text, int year, int month, int day) {
      pad(text, year, 4).append('-');
      pad(text, month, 2).append('-');
      pad(text, day, 2);
    }

    private static void appendTime(StringBuilder text, int hour, int min, int sec, int micros) {
      pad(text, hour, 2).append(':');
      pad(text, min, 2).append(':');
      pad(text, sec, 2).append('.');
      pad(text, micros, 6);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
      String digits = Integer.toString(value);
      for (int i = digits.length(); i < width; i++) {
        text.append('0');
      }
      return text.append(digits);
    }
  }
}
