package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowStartTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void durationsCountBackFromNow() {
        assertThat(WindowStart.parse("30d", NOW)).contains(Instant.parse("2026-11-03T12:00:00Z"));
        assertThat(WindowStart.parse("12h", NOW)).contains(Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(WindowStart.parse("90m", NOW)).contains(Instant.parse("2026-12-03T10:30:00Z"));
        assertThat(WindowStart.parse("P2D", NOW)).contains(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(WindowStart.parse("PT1H", NOW)).contains(Instant.parse("2026-12-03T11:00:00Z"));
    }

    @Test
    void datesAndInstants() {
        assertThat(WindowStart.parse("2026-11-01", NOW)).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(WindowStart.parse("2026-11-01T09:00:00+01:00", NOW)).contains(Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(WindowStart.parse("2026-11-01T08:00:00Z", NOW)).contains(Instant.parse("2026-11-01T08:00:00Z"));
    }

    @Test
    void nonsenseIsEmpty() {
        assertThat(WindowStart.parse("yesterday", NOW)).isEmpty();
        assertThat(WindowStart.parse("2026-13-01", NOW)).isEmpty();
        assertThat(WindowStart.parse("30y", NOW)).isEmpty();
        assertThat(WindowStart.parse("P-2D", NOW)).isEmpty();
        assertThat(WindowStart.parse("", NOW)).isEmpty();
    }
}
