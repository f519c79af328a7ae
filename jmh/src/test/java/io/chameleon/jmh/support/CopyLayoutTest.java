package io.chameleon.jmh.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopyLayoutTest {

  @Test
  void everyLayoutRoundTripsThroughItsParameterValue() {
    for (CopyLayout layout : CopyLayout.values()) {
      assertThat(CopyLayout.ofParam(layout.paramValue())).isEqualTo(layout);
    }
    assertThat(CopyLayout.SERIAL_PK_FK.paramValue()).isEqualTo("serial-pk-fk");
  }

  @Test
  void theLogTableLayoutIsAChildOfTheLogTableWithKeyAndForeignKey() {
    assertThat(CopyLayout.LOG_TABLE.create("bench_raw.t"))
        .singleElement().asString()
        .contains("PRIMARY KEY (i_id_event)", "REFERENCES sch_chameleon.t_replica_batch", "INHERITS (sch_chameleon.t_log_replica)");
    assertThat(String.join(";", CopyLayout.PLAIN.create("bench_raw.t")))
        .doesNotContain("PRIMARY KEY", "REFERENCES", "nextval", "INHERITS");
  }

  @Test
  void layoutsWithoutASequenceTakeTheWritersEventIds() {
    assertThat(CopyLayout.PLAIN.takesEventIds()).isTrue();
    assertThat(CopyLayout.JSONB_PAYLOAD.takesEventIds()).isTrue();
    assertThat(CopyLayout.SERIAL.takesEventIds()).isFalse();
    assertThat(CopyLayout.LOG_TABLE.takesEventIds()).isFalse();
    assertThat(String.join(";", CopyLayout.PLAIN.create("bench_raw.t"))).doesNotContain("DROP NOT NULL");
  }

  @Test
  void aSecondOperationInOneIterationIsRefused() {
    EventCounter counter = new EventCounter();
    counter.clear();
    counter.begin();
    assertThatThrownBy(counter::begin).isInstanceOf(IllegalStateException.class).hasMessageContaining("-r 1ms");
    counter.clear();
    counter.begin();
  }
}
