package io.chameleon.internal.upgrade;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered catalogue script: {@code V<version>__<description>.sql}. Its checksum is the
 * SHA-256 of its text with line endings normalised, so a checkout with CRLF endings still
 * validates.
 */
public record Migration(CatalogueVersion version, String description, String script, String sql) {

  private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+(?:\\.\\d+)*)__(\\w+)\\.sql");

  /** Builds a migration from its script name and text. */
  public static Migration of(String script, String sql) {
    Matcher name = SCRIPT_NAME.matcher(script);
    if (!name.matches()) {
      throw new IllegalArgumentException(
          "migration script name '" + script + "' does not match V<version>__<description>.sql");
    }
    return new Migration(
        CatalogueVersion.parse(name.group(1)), name.group(2).replace('_', ' '), script, sql);
  }

  public String checksum() {
    try {
      byte[] text = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
