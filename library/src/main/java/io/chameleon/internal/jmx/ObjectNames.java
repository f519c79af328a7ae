package io.chameleon.internal.jmx;

import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The beans' object names: domain {@code io.chameleon}, key=value properties. */
public final class ObjectNames {

  public static final String DOMAIN = "io.chameleon";
  /** Values that need no quoting in an object name. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+@/#%&()\\[\\]{}|^~!$-]+");

  private ObjectNames() {}

  /** {@code io.chameleon:type=ReplicaManager,instance=<instance>} */
  public static ObjectName manager(String instance) {
    return name("type=ReplicaManager,instance=" + value(instance));
  }

  /** {@code io.chameleon:type=Source,instance=<instance>,source=<source>} */
  public static ObjectName source(String instance, String source) {
    return name("type=Source,instance=" + value(instance) + ",source=" + value(source));
  }

  /** {@code io.chameleon:type=SchemaUpgrader,instance=<instance>} */
  public static ObjectName upgrader(String instance) {
    return name("type=SchemaUpgrader,instance=" + value(instance));
  }

  /** Every bean of one manager instance, as a pattern. */
  public static ObjectName allOf(String instance) {
    return name("instance=" + value(instance) + ",*");
  }

  /** The value as it is, or quoted when it holds a character an object name does not allow bare. */
  static String value(String value) {
    return PLAIN.matcher(value).matches() ? value : ObjectName.quote(value);
  }

  private static ObjectName name(String properties) {
    try {
      return new ObjectName(DOMAIN + ":" + properties);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("not a valid object name: " + DOMAIN + ":" + properties, e);
    }
  }
}
