package io.chameleon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartOnceTest {

    @Test
    void aFailedStartIsNotRetriedAndFailsAgainWithTheSameMessage() {
        AtomicInteger attempts = new AtomicInteger();
        SandboxStartException first = SandboxStartException.forProvider("embedded", "boom", null);
        StartOnce<String> once = new StartOnce<>(() -> {
            attempts.incrementAndGet();
            throw first;
        });

        assertThatThrownBy(once::get).isSameAs(first);
        assertThatThrownBy(once::get)
                .isInstanceOf(SandboxStartException.class)
                .hasMessage(first.getMessage())
                .hasCause(first);
        assertThatThrownBy(once::get).hasCause(first);
        assertThat(attempts).hasValue(1);
        assertThat(first.getMessage()).contains("'embedded'", "boom", "-Dchameleon.sandbox=external");
    }

    @Test
    void anUnexpectedFailureBecomesAStartFailure() {
        StartOnce<String> once = new StartOnce<>(() -> {
            throw new IllegalStateException("no disk");
        });

        assertThatThrownBy(once::get).isInstanceOf(SandboxStartException.class)
                .hasMessageContaining("no disk").hasMessageContaining("-Dchameleon.sandbox=");
    }

    @Test
    void aSuccessfulStartRunsOnce() {
        AtomicInteger attempts = new AtomicInteger();
        StartOnce<String> once = new StartOnce<>(() -> "started " + attempts.incrementAndGet());

        assertThat(once.get()).isEqualTo("started 1");
        assertThat(once.get()).isEqualTo("started 1");
    }
}
