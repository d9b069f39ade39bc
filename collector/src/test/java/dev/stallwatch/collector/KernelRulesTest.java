package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelRulesTest {

  private static final Instant TS = Instant.parse("2026-11-20T09:05:20Z");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  @Test
  void shouldLoadTheShippedRulesFileAsShipped() {
    assertThat(KernelRules.shipped()).hasSize(7);
    assertThat(KernelRules.shipped()).allSatisfy(rule -> assertThat(rule.pattern()).isNotNull());
  }

  @Test
  void shouldNameTheFileTheRuleAndTheKeyThatIsWrong() {
    assertThatThrownBy(
            () ->
                KernelRules.parse(
                    "my-rules.yaml",
                    "rules:\n  - id: ok\n    kind: KERNEL_LOG\n    pattern: x\n"
                        + "  - id: typo\n    kind: KERNEL_LOG\n    patern: y\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("my-rules.yaml: rules[1].patern: unknown key");
    assertThatThrownBy(
            () ->
                KernelRules.parse("r.yaml", "rules:\n  - id: a\n    kind: OOPS\n    pattern: x\n"))
        .hasMessage("r.yaml: rules[0].kind: 'OOPS' is not one of HUNG_TASK, KERNEL_LOG, RECLAIM");
    assertThatThrownBy(
            () ->
                KernelRules.parse(
                    "r.yaml", "rules:\n  - id: a\n    kind: RECLAIM\n    pattern: x\n"))
        .hasMessageContaining("rules[0].pattern: rule a: a RECLAIM pattern needs the named groups");
    assertThatThrownBy(
            () ->
                KernelRules.parse(
                    "r.yaml", "rules:\n  - id: a\n    kind: KERNEL_LOG\n    pattern: '('\n"))
        .hasMessageContaining("rules[0].pattern: rule a: bad pattern");
    assertThatThrownBy(() -> KernelRules.parse("r.yaml", "rules: [\n"))
        .hasMessageStartingWith("r.yaml: not valid YAML");
  }

  @Test
  void shouldJoinAReclaimMessageSplitOverTwoRecordsEvenInsideTheNumber() {
    KernelLogMatcher matcher = new KernelLogMatcher(KernelRules.shipped());

    List<TelemetryEvent> first =
        matcher.accept(
            "WSL (1) ERROR: WriteToFile:108: write(/sys/fs/cgroup/memory.reclaim, 10737",
            3,
            TS,
            envelopes);
    List<TelemetryEvent> second = matcher.accept("41824) failed -1 11", 3, TS, envelopes);

    assertThat(first).isEmpty();
    assertThat(second).extracting(TelemetryEvent::type).containsExactly("reclaim", "kernel_log");
    assertThat(((Reclaim) second.getFirst()).bytes()).isEqualTo(1073741824L);
    assertThat(((Reclaim) second.getFirst()).errno()).isEqualTo(Reclaim.EAGAIN);
  }

  @Test
  void shouldReportNoErrnoWhenTheLineDoesNotSayHowTheWriteFailed() {
    KernelLogMatcher matcher = new KernelLogMatcher(KernelRules.shipped());

    List<TelemetryEvent> events =
        matcher.accept(
            "WSL (1) ERROR: WriteToFile:108: write(/sys/fs/cgroup/memory.reclaim, 4096) failed",
            3,
            TS,
            envelopes);

    assertThat(events).first().isInstanceOf(Reclaim.class);
    assertThat(((Reclaim) events.getFirst()).errno()).isNull();
  }

  @Test
  void shouldStillReportTheFirstHalfWhenTheNextRecordDoesNotCompleteIt() {
    KernelLogMatcher matcher = new KernelLogMatcher(KernelRules.shipped());

    matcher.accept(
        "WSL (1) ERROR: WriteToFile:108: write(/sys/fs/cgroup/memory.reclaim, 4096)",
        3,
        TS,
        envelopes);
    List<TelemetryEvent> next =
        matcher.accept("rcu: INFO: rcu_sched self-detected stall on CPU", 3, TS, envelopes);

    assertThat(next)
        .extracting(e -> ((KernelLog) e).rule())
        .containsExactly("wsl_error", "rcu_stall");
    assertThat(matcher.flush(envelopes)).isEmpty();
  }

  @Test
  void shouldMatchWslLinesWithAWarningOrNoLevel() {
    KernelLogMatcher matcher = new KernelLogMatcher(KernelRules.shipped());

    List<TelemetryEvent> warning =
        matcher.accept(
            "WSL (218 - CaptureCrash) WARNING: UtilReclaimMemory:312: memory.reclaim write failed,"
                + " falling back to autoMemoryReclaim = dropcache",
            4,
            TS,
            envelopes);
    List<TelemetryEvent> noLevel =
        matcher.accept(
            "WSL (218) WriteToFile:108: write(/sys/fs/cgroup/memory.reclaim, 4096) failed -1 11",
            6,
            TS,
            envelopes);

    assertThat(warning)
        .singleElement()
        .extracting(e -> ((KernelLog) e).rule())
        .isEqualTo("wsl_reclaim_fallback");
    assertThat(noLevel).singleElement().isInstanceOf(Reclaim.class);
  }

  @Test
  void shouldJoinHalvesWithASpaceOnlyWhereTheKernelCutBetweenWords() {
    assertThat(KernelLogMatcher.join("write(x, 10737", "41824)")).isEqualTo("write(x, 1073741824)");
    assertThat(KernelLogMatcher.join("write(x, 4096)", "failed -1 11"))
        .isEqualTo("write(x, 4096) failed -1 11");
    assertThat(KernelLogMatcher.join("write(x, 4096) ", "failed"))
        .isEqualTo("write(x, 4096) failed");
  }
}
