package io.chameleon.internal.upgrade;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A catalogue version such as {@code 1.3}: dot-separated numbers compared number by number,
 * the same text {@code sch_chameleon.v_version} returns.
 */
public record CatalogueVersion(int[] parts) implements Comparable<CatalogueVersion> {

  public CatalogueVersion {
    parts = parts.clone();
  }

  /** Parses {@code 1.2}, {@code 1.10}; rejects anything that is not dot-separated numbers. */
  public static CatalogueVersion parse(String text) {
    if (text == null || !text.matches("\\d+(\\.\\d+)*")) {
      throw new IllegalArgumentException("not a catalogue version: '" + text + "'");
    }
    return new CatalogueVersion(Arrays.stream(text.split("\\.")).mapToInt(Integer::parseInt).toArray());
  }

  @Override
  public int compareTo(CatalogueVersion other) {
    return Arrays.compare(parts, other.parts);
  }

  public boolean isNewerThan(CatalogueVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CatalogueVersion other && Arrays.equals(parts, other.parts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(parts);
  }

  @Override
  public String toString() {
    return Arrays.stream(parts).mapToObj(Integer::toString).collect(Collectors.joining("."));
  }
}
