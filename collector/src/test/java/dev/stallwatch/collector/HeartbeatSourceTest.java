package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Heartbeat.SourceHealth;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatSourceTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

  @Test
  void shouldReportEachSourcesLatestHealthAndTheFailedSendsAsDropped() {
    SourceHealthBoard health = new SourceHealthBoard();
    AtomicLong failedSends = new AtomicLong(3);
    HeartbeatSource heartbeat =
        new HeartbeatSource(health, failedSends::get, Duration.ofSeconds(10));
    health.set("meminfo", Status.FAILING, "FormatException: bad");
    health.set("meminfo", Status.OK, null);
    health.set("pressure", Status.ABSENT, null);
    health.set("kmsg", Status.FAILING, "AccessDeniedException: /dev/kmsg");

    Heartbeat beat = (Heartbeat) heartbeat.sample(new EnvelopeFactory("host-a", 9), NOW).getFirst();

    assertThat(beat.ts()).isEqualTo(NOW);
    assertThat(beat.envelope().seq()).isEqualTo(9);
    assertThat(beat.sources())
        .containsOnly(
            Map.entry("meminfo", new SourceHealth(Status.OK, null)),
            Map.entry("pressure", new SourceHealth(Status.ABSENT, null)),
            Map.entry(
                "kmsg", new SourceHealth(Status.FAILING, "AccessDeniedException: /dev/kmsg")));
    assertThat(beat.spoolDepth()).isZero();
    assertThat(beat.dropped()).isEqualTo(3);
    assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(10));
  }
}
