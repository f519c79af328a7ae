package io.chameleon.jmh.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void everyWorkloadRoundTripsThroughItsParameterValue() {
    for (Workload workload : Workload.values()) {
      assertThat(Workload.ofParam(workload.paramValue())).isEqualTo(workload);
    }
    assertThat(Workload.UPDATE_HEAVY.paramValue()).isEqualTo("update-heavy");
  }

  @Test
  void aBacklogIsWholeRoundsOfTenThousandEvents() {
    assertThat(Workload.rounds(1)).isEqualTo(1);
    assertThat(Workload.rounds(200_000)).isEqualTo(20);
    assertThat(Workload.rounds(200_001)).isEqualTo(21);
  }

  @Test
  void changesReachBaseRowsThroughAScatteringJoinOnTheSequenceEngine() {
    assertThat(Orders.update(3000, 1000, 200_000))
        .startsWith("UPDATE orders o JOIN seq_3000_to_3999 s ON o.id = s.seq * 7919 % 200000 + 1 SET ");
    assertThat(Orders.delete(0, 1000, 200_000))
        .isEqualTo("DELETE o FROM orders o JOIN seq_0_to_999 s ON o.id = s.seq * 7919 % 200000 + 1");
  }
}
