package io.chameleon.internal.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {

  @Test
  void namesAreKeyValuePairsUnderTheDomain() throws Exception {
    assertThat(ObjectNames.manager("shop-1")).isEqualTo(new ObjectName("io.chameleon:type=ReplicaManager,instance=shop-1"));
    assertThat(ObjectNames.upgrader("shop-1")).isEqualTo(new ObjectName("io.chameleon:type=SchemaUpgrader,instance=shop-1"));
    assertThat(ObjectNames.source("shop-1", "orders.eu")).isEqualTo(
        new ObjectName("io.chameleon:type=Source,instance=shop-1,source=orders.eu"));
  }

  @Test
  void valuesAnObjectNameCannotHoldBareAreQuoted() {
    ObjectName name = ObjectNames.source("i", "a,b=c:d\"e*?");
    assertThat(name.getKeyProperty("source")).isEqualTo(ObjectName.quote("a,b=c:d\"e*?"));
    assertThat(ObjectName.unquote(name.getKeyProperty("source"))).isEqualTo("a,b=c:d\"e*?");
    assertThat(ObjectNames.source("i", "with space").getKeyProperty("source")).isEqualTo("\"with space\"");
  }

  @Test
  void thePatternMatchesEveryBeanOfOneInstanceOnly() {
    ObjectName pattern = ObjectNames.allOf("i");
    assertThat(pattern.apply(ObjectNames.manager("i"))).isTrue();
    assertThat(pattern.apply(ObjectNames.source("i", "s"))).isTrue();
    assertThat(pattern.apply(ObjectNames.upgrader("i"))).isTrue();
    assertThat(pattern.apply(ObjectNames.manager("i2"))).isFalse();
  }
}
