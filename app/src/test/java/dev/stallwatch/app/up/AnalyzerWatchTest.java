package dev.stallwatch.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.streams.AnalyzerHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerWatchTest {

  private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

  private AnalyzerHealth health = health(AnalyzerHealth.STARTING, 0, null);
  private final List<String> terminal = new ArrayList<>();
  private final AnalyzerWatch watch = new AnalyzerWatch(() -> health, terminal::add);

  @Test
  void shouldStayQuietWhileTheAnalyzerStartsNormally() {
    watch.check();
    health = health(AnalyzerHealth.REBALANCING, 0, null);
    watch.check();
    health = health(AnalyzerHealth.RUNNING, 0, null);
    watch.check();

    assertThat(terminal).isEmpty();
  }

  @Test
  void shouldShowARestartLoopWithEachErrorAndSayWhenItIsOver() {
    health = health(AnalyzerHealth.RUNNING, 0, null);
    watch.check();
    health = health(AnalyzerHealth.FAILING, 1, "InvalidTimestampException: out of range");
    watch.check();
    health = health(AnalyzerHealth.FAILING, 2, "InvalidTimestampException: out of range");
    watch.check();
    health = health(AnalyzerHealth.RUNNING, 2, "InvalidTimestampException: out of range");
    watch.check();

    assertThat(terminal)
        .containsExactly(
            "stallwatch: the analyzer's stream thread failed and was restarted (1 so far, 1 in the"
                + " last 5 min): InvalidTimestampException: out of range",
            "stallwatch: the analyzer is failing; new events are not correlated until it recovers"
                + " (see /healthz)",
            "stallwatch: the analyzer's stream thread failed and was restarted (2 so far, 2 in the"
                + " last 5 min): InvalidTimestampException: out of range",
            "stallwatch: the analyzer is running again");
  }

  private static AnalyzerHealth health(String status, int restarts, String error) {
    return new AnalyzerHealth(
        status, status.toUpperCase(), T, restarts, restarts, error, error == null ? null : T, 0);
  }
}
