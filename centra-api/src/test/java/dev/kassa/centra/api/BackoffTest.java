package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5));

    @Test
    void doublesFromTheFirstWaitUpToTheLongest() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(10)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.after(11)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(1_000_000)).as("no overflow after many failures").isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(0)).as("as after the first").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterAddsAtMostHalf() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.withJitter(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
        }
    }

    @Test
    void theLongestWaitCapsEvenTheFirstAndWaitsAreNotNegative() {
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1))).hasMessageContaining("negative");
    }
}
