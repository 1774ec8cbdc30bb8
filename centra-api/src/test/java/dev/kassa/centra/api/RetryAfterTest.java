package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After in every form Centra's two APIs and HTTP use, and never an hour's stall on a misread value. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void secondsAsTheOrderApiSendsThem() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 2.2 ", NOW)).as("decimals round up").isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("0", NOW)).as("at least a second").isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("-5", NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("86400", NOW)).as("at most an hour").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aMomentAsTheIntegrationApiSendsIt() {
        assertThat(RetryAfter.parse("2026-12-02T12:00:09Z", NOW)).isEqualTo(Duration.ofSeconds(9));
        assertThat(RetryAfter.parse("2026-12-02T13:00:05+01:00", NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse(Long.toString(NOW.getEpochSecond() + 12), NOW)).as("epoch seconds").isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 12:00:30 GMT", NOW)).as("an HTTP-date").isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("2026-12-02T11:00:00Z", NOW)).as("already past").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void whatCannotBeReadWaitsASecond() {
        assertThat(RetryAfter.parse(null, NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("soon", NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("1e400", NOW)).as("no hour's stall for a huge number").isEqualTo(Duration.ofSeconds(1));
    }
}
