package io.chameleon.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlCharsetsTest {

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  @Test
  void latin1DecodesEveryByteToADistinctCharacterAndBack() throws CharacterCodingException {
    Charset latin1 = MySqlCharsets.LATIN1;
    String decoded = latin1.newDecoder().decode(ByteBuffer.wrap(allBytes())).toString();
    assertThat(decoded).hasSize(256).doesNotContain("\uFFFD");
    Set<Character> distinct = new HashSet<>();
    for (char c : decoded.toCharArray()) {
      distinct.add(c);
    }
    assertThat(distinct).hasSize(256);

    ByteBuffer encoded = latin1.newEncoder().encode(CharBuffer.wrap(decoded));
    byte[] back = new byte[encoded.remaining()];
    encoded.get(back);
    assertThat(back).isEqualTo(allBytes());
    assertThat(decoded.getBytes(latin1)).isEqualTo(allBytes());
    assertThat(new String(allBytes(), latin1)).isEqualTo(decoded);
  }

  @Test
  void latin1IsCp1252WithTheFiveHolesKeptAsC1Controls() {
    Charset latin1 = MySqlCharsets.LATIN1;
    assertThat(new String(new byte[] {0x63, 0x61, 0x66, (byte) 0xE9}, latin1)).isEqualTo("café");
    assertThat(new String(new byte[] {(byte) 0x80}, latin1)).isEqualTo("€");
    assertThat(new String(new byte[] {(byte) 0x9F}, latin1)).isEqualTo("Ÿ");
    for (int hole : new int[] {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
      assertThat(new String(new byte[] {(byte) hole}, latin1)).isEqualTo(String.valueOf((char) hole));
    }
    // what Java's own windows-1252 would have done with them
    assertThat(new String(new byte[] {(byte) 0x81}, Charset.forName("windows-1252"))).isEqualTo("\uFFFD");
  }

  @Test
  void latin1CannotEncodeWhatItCannotHold() {
    assertThatThrownBy(() -> MySqlCharsets.LATIN1.newEncoder().encode(CharBuffer.wrap("€ and 😀")))
        .isInstanceOf(CharacterCodingException.class);
    assertThat(MySqlCharsets.LATIN1.newEncoder().canEncode('\u0080')).isFalse();
  }

  @Test
  void theEncodersLatin1FastPathMatchesTheCharset() {
    TableInfo table = new TableInfo("s", "t", List.of(
        ColumnInfo.builder("v", MySqlType.TEXT).charset(MySqlCharsets.LATIN1).length(65535).build()), List.of());
    byte[] every = allBytes();
    String json = new RowEncoder().encode(table, new java.io.Serializable[] {every}, bits(1));
    JsonWriter expected = JsonWriter.plain();
    expected.beginObject();
    expected.name("v");
    // every byte but NUL, which PostgreSQL text cannot hold and the encoder drops
    expected.string(new String(every, MySqlCharsets.LATIN1).replace("\u0000", ""));
    expected.endObject();
    assertThat(json).isEqualTo(expected.toString());
  }

  @ParameterizedTest
  @CsvSource({
      "utf8, UTF-8, naïve 😀",
      "utf8mb3, UTF-8, naïve",
      "utf8mb4, UTF-8, naïve 😀",
      "ascii, US-ASCII, plain",
      "ucs2, UTF-16BE, Ελληνικά",
      "utf16, UTF-16BE, 😀 émoji",
      "utf16le, UTF-16LE, 😀 émoji",
      "utf32, UTF-32BE, 😀 émoji",
      "cp1250, windows-1250, Łódź",
      "cp1251, windows-1251, Привет",
      "cp1256, windows-1256, مرحبا",
      "cp1257, windows-1257, Rīga",
      "latin2, ISO-8859-2, Łódź",
      "latin5, ISO-8859-9, İstanbul",
      "latin7, ISO-8859-13, Rīga",
      "greek, ISO-8859-7, Ελληνικά",
      "hebrew, ISO-8859-8, שלום",
      "koi8r, KOI8-R, Привет",
      "koi8u, KOI8-U, Привіт",
      "sjis, Shift_JIS, 日本語",
      "cp932, windows-31j, 日本語",
      "ujis, EUC-JP, 日本語",
      "eucjpms, x-eucJP-Open, 日本語",
      "euckr, EUC-KR, 한국어",
      "gbk, GBK, 中文",
      "gb2312, GB2312, 中文",
      "gb18030, GB18030, 中文 😀",
      "big5, Big5, 中文",
      "tis620, TIS-620, ภาษาไทย",
      "cp850, IBM850, Ça va",
      "cp852, IBM852, Łódź",
      "cp866, IBM866, Привет",
      "macroman, x-MacRoman, Ça va",
      "macce, x-MacCentralEurope, Łódź"})
  void mysqlCharsetsMapToJavaCharsetsThatRoundTripTheirText(String mysql, String java, String sample) {
    Charset charset = MySqlCharsets.javaCharset(mysql, "db.t.c");
    assertThat(charset).isEqualTo(Charset.forName(java));
    assertThat(new String(sample.getBytes(charset), charset)).isEqualTo(sample);
  }

  @Test
  void latin1AndBinaryAreSpecial() {
    assertThat(MySqlCharsets.javaCharset("latin1", "db.t.c")).isSameAs(MySqlCharsets.LATIN1);
    assertThat(MySqlCharsets.javaCharset("LATIN1", "db.t.c")).isSameAs(MySqlCharsets.LATIN1);
    assertThat(MySqlCharsets.javaCharset("binary", "db.t.c")).isNull();
  }

  @Test
  void anUnknownCharsetIsAnErrorNamingTheColumn() {
    assertThatThrownBy(() -> MySqlCharsets.javaCharset("dec8", "shop.items.label"))
        .isInstanceOf(UnsupportedColumnException.class)
        .hasMessageContaining("shop.items.label")
        .hasMessageContaining("dec8");
    assertThat(MySqlCharsets.isSupported("armscii8")).isFalse();
    assertThat(MySqlCharsets.isSupported("utf8mb4")).isTrue();
  }

  @Test
  void collationIdsResolveThroughTheServersTable() {
    MySqlCharsets charsets = MySqlCharsets.of(Map.of(8, "latin1", 45, "utf8mb4", 63, "binary", 3, "dec8"),
        Map.of("latin1", 1, "utf8mb4", 4), true);
    assertThat(charsets.charset(8, "db.t.a")).isSameAs(MySqlCharsets.LATIN1);
    assertThat(charsets.charset(45, "db.t.b")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(charsets.charset(MySqlCharsets.BINARY_COLLATION, "db.t.c")).isNull();
    assertThat(charsets.maxBytesPerChar("utf8mb4")).isEqualTo(4);
    assertThat(charsets.maxBytesPerChar("latin1")).isEqualTo(1);
    assertThat(charsets.mariaDb()).isTrue();
    assertThatThrownBy(() -> charsets.charset(999, "db.t.d"))
        .isInstanceOf(UnsupportedColumnException.class)
        .hasMessageContaining("db.t.d")
        .hasMessageContaining("999");
    assertThatThrownBy(() -> charsets.charset(3, "db.t.e"))
        .isInstanceOf(UnsupportedColumnException.class)
        .hasMessageContaining("db.t.e")
        .hasMessageContaining("dec8");
  }

  private static java.util.BitSet bits(int count) {
    java.util.BitSet bits = new java.util.BitSet();
    bits.set(0, count);
    return bits;
  }
}
