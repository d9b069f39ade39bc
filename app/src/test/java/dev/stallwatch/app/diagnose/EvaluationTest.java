package dev.stallwatch.app.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which incident of a diagnosis the evaluation scores, and what counts as blaming Resource Saver.
 */
class EvaluationTest {

  private static final Instant ONSET = Instant.parse("2026-02-11T07:46:10Z");

  private static Incident incident(
      String rule, Severity severity, double confidence, Instant onset, String... missing) {
    return new Incident(
        rule + "-" + onset,
        "eval-host",
        rule,
        rule,
        Incident.Status.OPEN,
        severity,
        onset,
        onset,
        onset,
        null,
        confidence,
        List.of(),
        List.of(),
        HostContext.UNKNOWN,
        List.of(KnownIssueRef.of("microsoft/WSL#14193")),
        "",
        List.of(missing));
  }

  @Test
  void shouldScoreTheMostSevereIncidentBeforeAMoreConfidentWarning() {
    Incident eagain = incident("reclaim-eagain", Severity.WARNING, 0.8, ONSET);
    Incident freeze = incident("sleep-resume", Severity.CRITICAL, 0.5, ONSET.plusSeconds(60));

    assertThat(Evaluation.chosen(List.of(eagain, freeze))).contains(freeze);
  }

  @Test
  void shouldScoreTheMostConfidentThenTheEarliestOfTheSameSeverity() {
    Incident probable =
        incident("resource-saver-gradual", Severity.CRITICAL, 0.45, ONSET, "no transition seen");
    Incident seen = incident("sleep-resume", Severity.CRITICAL, 0.8, ONSET.plusSeconds(60));
    Incident later = incident("sleep-resume", Severity.CRITICAL, 0.8, ONSET.plusSeconds(120));

    assertThat(Evaluation.chosen(List.of(later, probable, seen))).contains(seen);
    assertThat(Evaluation.chosen(List.of())).isEmpty();
  }

  @Test
  void shouldCountEveryResourceSaverRuleAsBlamingIt() {
    assertThat(Evaluation.blamesResourceSaver("resource-saver-gradual")).isTrue();
    assertThat(Evaluation.blamesResourceSaver("resource-saver-cgroup-v2")).isTrue();
    assertThat(Evaluation.blamesResourceSaver("docker-paused")).isTrue();
    assertThat(Evaluation.blamesResourceSaver("docker-cli-vanished")).isTrue();
    assertThat(Evaluation.blamesResourceSaver("sleep-resume")).isFalse();
    assertThat(Evaluation.blamesResourceSaver("vm-freeze")).isFalse();
    assertThat(Evaluation.blamesResourceSaver(EvalManifest.NONE)).isFalse();
  }
}
