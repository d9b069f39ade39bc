package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.collector.KernelRule.Kind;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsgInterpreterTest {

  private static final BootClock BOOT = new BootClock(Instant.ofEpochSecond(1700000000L));
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 100);
  private final KmsgInterpreter interpreter = new KmsgInterpreter(BOOT, KernelRules.shipped());

  private List<TelemetryEvent> feed(String... lines) {
    return Arrays.stream(lines)
        .map(line -> interpreter.accept(line, envelopes))
        .flatMap(List::stream)
        .toList();
  }

  @Test
  void shouldStampAHungTaskWithBootTimePlusItsMonotonicTime() {
    List<TelemetryEvent> events =
        feed(
            "3,1290,5234567890,-,caller=T58;INFO: task apt-get:4711 blocked for more than 120"
                + " seconds.");

    HungTask task = (HungTask) events.getFirst();
    assertThat(events).hasSize(1);
    assertThat(task.ts()).isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
    assertThat(task.onset()).isEqualTo(Instant.parse("2023-11-14T23:38:34.567890Z"));
    assertThat(task.envelope().seq()).isEqualTo(100);
  }

  @Test
  void shouldCountAndReportRecordsLostInASequenceGap() {
    List<TelemetryEvent> events =
        feed("6,412,1853023,-;one", "6,413,1853112,-;two", "6,418,2011742,-;after a gap");

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(((KernelLog) e).rule()).isEqualTo("kmsg_lost");
              assertThat(((KernelLog) e).line())
                  .isEqualTo("kernel log lost 4 record(s) before seq 418");
            });
    assertThat(interpreter.lostRecords()).isEqualTo(4);
    assertThat(interpreter.gaps()).isEqualTo(1);
    assertThat(interpreter.lastSeq()).isEqualTo(418);
  }

  @Test
  void shouldNotCountTheFirstRecordReadAsAGap() {
    feed("6,5000,1853023,-;the oldest record still in the ring buffer");

    assertThat(interpreter.lostRecords()).isZero();
  }

  @Test
  void shouldSkipRecordsAlreadySeen() {
    String hung = "3,1290,5234567890,-;INFO: task apt-get:4711 blocked for more than 120 seconds.";

    assertThat(feed(hung, "6,1291,5234567921,-;next")).hasSize(1);
    assertThat(feed(hung)).isEmpty();
    assertThat(interpreter.lostRecords()).isZero();
  }

  @Test
  void shouldPassOverContinuationLines() {
    List<TelemetryEvent> events =
        feed(
            "6,412,1853023,-;sd 0:0:0:2: [sdc] 2147483648 512-byte logical blocks",
            " SUBSYSTEM=scsi",
            " DEVICE=+scsi:0:0:0:2",
            "");

    assertThat(events).isEmpty();
    assertThat(interpreter.malformedLines()).isZero();
  }

  @Test
  void shouldSkipAndCountGarbageWithoutThrowing() {
    List<TelemetryEvent> events =
        feed(
            "\u0000\u0001\u0002\ufffd\ufffd",
            "6,412",
            "z".repeat(200_000),
            "6,9999999999999999999,1,-;seq out of range",
            "3,1290,5234567890,-;INFO: task apt-get:4711 blocked for more than 120 seconds.");

    assertThat(events).hasSize(1);
    assertThat(interpreter.malformedLines()).isEqualTo(4);
  }

  @Test
  void shouldRunEveryRuleOnEachRecord() {
    KmsgInterpreter withMoreRules =
        new KmsgInterpreter(
            BOOT,
            List.of(
                KernelRules.shipped().getFirst(),
                KernelRule.of(
                    "wsl_reclaim_failed",
                    Kind.KERNEL_LOG,
                    "^WSL \\(.*\\) ERROR: .*memory\\.reclaim.* failed -1 11")));

    List<TelemetryEvent> events =
        withMoreRules.accept(
            "3,1299,5300112233,-;WSL (1) ERROR: WriteToFile:108:"
                + " write(/sys/fs/cgroup/memory.reclaim, 1073741824) failed -1 11",
            envelopes);

    assertThat(events).singleElement().isInstanceOf(KernelLog.class);
    assertThat(((KernelLog) events.getFirst()).rule()).isEqualTo("wsl_reclaim_failed");
    assertThat(events.getFirst().ts()).isEqualTo(Instant.parse("2023-11-14T23:41:40.112233Z"));
  }
}
