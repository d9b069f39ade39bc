package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.collector.KernelRule.Kind;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelRuleTest {

  private static final Instant TS = Instant.parse("2023-11-14T23:40:34.567890Z");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  private static final KernelRule HUNG_TASK_RULE =
      KernelRules.shipped().stream().filter(r -> r.id().equals("hung_task")).findFirst().get();

  private Optional<TelemetryEvent> hungTask(String message) {
    return HUNG_TASK_RULE.match(message, 3, TS, envelopes);
  }

  @Test
  void shouldTurnTheHungTaskMessageIntoAHungTask() {
    String line = "INFO: task apt-get:4711 blocked for more than 120 seconds.";

    HungTask task = (HungTask) hungTask(line).orElseThrow();

    assertThat(task.comm()).isEqualTo("apt-get");
    assertThat(task.pid()).isEqualTo(4711);
    assertThat(task.blockedSeconds()).isEqualTo(120);
    assertThat(task.line()).isEqualTo(line);
    assertThat(task.ts()).isEqualTo(TS);
    assertThat(task.onset()).isEqualTo(TS.minusSeconds(120));
  }

  @Test
  void shouldKeepSpacesAndColonsInTheTaskName() {
    HungTask spaced =
        (HungTask) hungTask("INFO: task Web Content:2345 blocked for more than 122 seconds.").get();
    HungTask worker =
        (HungTask)
            hungTask("INFO: task kworker/u16:3:123 blocked for more than 245 seconds.").get();

    assertThat(spaced.comm()).isEqualTo("Web Content");
    assertThat(spaced.pid()).isEqualTo(2345);
    assertThat(worker.comm()).isEqualTo("kworker/u16:3");
    assertThat(worker.pid()).isEqualTo(123);
    assertThat(worker.blockedSeconds()).isEqualTo(245);
  }

  @Test
  void shouldIgnoreTheRestOfAHungTaskReport() {
    assertThat(hungTask("      Tainted: G        W          6.6.87.2-microsoft-standard-WSL2 #1"))
        .isEmpty();
    assertThat(
            hungTask("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message."))
        .isEmpty();
    assertThat(hungTask("task:apt-get         state:D stack:0     pid:4711  ppid:4702")).isEmpty();
    assertThat(hungTask("Call Trace:")).isEmpty();
    assertThat(hungTask("INFO: task apt-get:99999999 blocked for more than 120 seconds."))
        .isEmpty();
    assertThat(hungTask("quoted: INFO: task a:1 blocked for more than 1 seconds.")).isEmpty();
  }

  @Test
  void shouldTakeASequenceNumberOnlyForAMatch() {
    hungTask("Call Trace:");
    HungTask task =
        (HungTask) hungTask("INFO: task apt-get:4711 blocked for more than 120 seconds.").get();

    assertThat(task.envelope().seq()).isZero();
    assertThat(task.host()).isEqualTo("host-a");
  }

  @Test
  void shouldTurnAKernelLogRuleMatchIntoAKernelLogEvent() {
    KernelRule rule =
        KernelRule.of("cgroup_v1_disabled", Kind.KERNEL_LOG, "^cgroup: Disabled controller '");

    KernelLog event =
        (KernelLog) rule.match("cgroup: Disabled controller 'memory'", 6, TS, envelopes).get();

    assertThat(event.rule()).isEqualTo("cgroup_v1_disabled");
    assertThat(event.line()).isEqualTo("cgroup: Disabled controller 'memory'");
    assertThat(event.priority()).isEqualTo(6);
    assertThat(event.ts()).isEqualTo(TS);
  }

  @Test
  void shouldRejectAHungTaskRuleWithoutTheNamedGroups() {
    assertThatThrownBy(() -> KernelRule.of("hung2", Kind.HUNG_TASK, "INFO: task (.+):(\\d+)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hung2")
        .hasMessageContaining("[comm, pid, seconds]");
  }

  @Test
  void shouldNameTheRuleWhosePatternDoesNotCompile() {
    assertThatThrownBy(() -> KernelRule.of("rcu_stall", Kind.KERNEL_LOG, "rcu: INFO: (unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rule rcu_stall: bad pattern");
  }

  @Test
  void shouldRejectRuleIdsThatAreNotShortNames() {
    assertThatThrownBy(() -> KernelRule.of("Hung Task", Kind.KERNEL_LOG, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Hung Task'");
  }

  @Test
  void shouldShipTheRulesFormatsMdNames() {
    assertThat(KernelRules.shipped())
        .extracting(KernelRule::id)
        .containsExactly(
            "hung_task",
            "rcu_stall",
            "wsl_reclaim",
            "wsl_reclaim_fallback",
            "wsl_error",
            "cgroup_v1_disabled",
            "io_error");
  }
}
