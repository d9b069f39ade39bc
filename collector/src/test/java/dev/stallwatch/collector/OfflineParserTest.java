package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind `stallwatch parse` takes, on real-shaped files and on garbage. */
class OfflineParserTest {

  private static final OfflineParser.Options OPTIONS =
      new OfflineParser.Options(
          "dev-a",
          Instant.ofEpochSecond(1700000000L),
          ZoneId.of("UTC"),
          Instant.parse("2026-11-20T09:10:00Z"),
          CollectorConfig.defaults());

  private final Fixtures.CollectedProblems problems = new Fixtures.CollectedProblems();

  private List<TelemetryEvent> parse(OfflineParser.Kind kind, String file) throws Exception {
    return OfflineParser.parse(kind, file, Fixtures.format(file), OPTIONS, problems);
  }

  @Test
  void shouldReadDockerVersionWithoutDockerDesktopAsAnInventoryWithoutItsVersion()
      throws Exception {
    List<TelemetryEvent> events =
        parse(OfflineParser.Kind.DOCKER_VERSION, "docker-version-engine.txt");

    assertThat(events)
        .singleElement()
        .extracting(e -> ((Inventory) e).dockerDesktopVersion())
        .isNull();
    assertThat(problems.lines).as("a machine without Docker Desktop is not a problem").isEmpty();
  }

  @Test
  void shouldFindEveryRuleInDmesgTextIncludingTheSplitReclaimLine() throws Exception {
    List<TelemetryEvent> events = parse(OfflineParser.Kind.DMESG, "dmesg.txt");

    assertThat(events)
        .extracting(TelemetryEvent::type)
        .containsExactly(
            "kernel_log", "kernel_log", "hung_task", "reclaim", "kernel_log", "kernel_log");
    Reclaim reclaim = (Reclaim) events.get(3);
    assertThat(reclaim.bytes()).isEqualTo(1073741824L);
    assertThat(reclaim.line())
        .isEqualTo(
            "WSL (1) ERROR: WriteToFile:108: write(/sys/fs/cgroup/memory.reclaim, 1073741824)"
                + " failed -1 11");
    assertThat(((KernelLog) events.get(5)).rule()).isEqualTo("rcu_stall");
    assertThat(problems.lines).isEmpty();
  }

  @Test
  void shouldDateAHungTaskFromDmesgTWithTheZone() throws Exception {
    List<TelemetryEvent> events = parse(OfflineParser.Kind.DMESG, "dmesg-T.txt");

    HungTask task = (HungTask) events.get(1);
    assertThat(task.comm()).isEqualTo("Web Content");
    assertThat(task.onset()).isEqualTo(Instant.parse("2026-11-20T09:06:03Z"));
    assertThat(events)
        .filteredOn(KernelLog.class::isInstance)
        .extracting(e -> ((KernelLog) e).rule())
        .containsExactly("cgroup_v1_disabled", "wsl_reclaim_fallback", "wsl_error", "io_error");
  }

  @Test
  void shouldReportAnAptRunOpenPastTheThresholdAsStalled() throws Exception {
    AptStall term = (AptStall) parse(OfflineParser.Kind.APT_TERM, "term.log").getFirst();
    AptStall history = (AptStall) parse(OfflineParser.Kind.APT_HISTORY, "history.log").getFirst();

    assertThat(term.lastProgress()).isEqualTo(Instant.parse("2026-11-20T09:06:00Z"));
    assertThat(term.stalledSeconds()).isEqualTo(240);
    assertThat(history.commandline()).isEqualTo("apt-get upgrade -y");
  }

  @Test
  void shouldTurnBackendLogLinesIntoResourceSaverTransitionsWithTheirTime() throws Exception {
    List<TelemetryEvent> events = parse(OfflineParser.Kind.DOCKER_LOG, "backend.log");

    List<ResourceSaver> transitions =
        events.stream()
            .filter(ResourceSaver.class::isInstance)
            .map(ResourceSaver.class::cast)
            .toList();
    assertThat(transitions)
        .extracting(ResourceSaver::state)
        .containsExactly(ResourceSaver.State.ENTERED, ResourceSaver.State.EXITED);
    assertThat(transitions.getFirst().ts())
        .isEqualTo(Instant.parse("2026-11-20T09:04:59.998001200Z"));
    assertThat(transitions.getFirst().evidence()).contains("entering Resource Saver");
  }

  @Test
  void shouldTurnTheBackendsTimedOutEngineRequestIntoAnEngineProbe() throws Exception {
    List<TelemetryEvent> events = parse(OfflineParser.Kind.DOCKER_LOG, "backend.log");

    EngineProbe probe =
        events.stream()
            .filter(EngineProbe.class::isInstance)
            .map(EngineProbe.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(probe.status()).isEqualTo(ProbeStatus.TIMEOUT);
    assertThat(probe.seenVia()).isEqualTo(EngineProbe.Via.BACKEND_LOG);
    assertThat(probe.ts()).isEqualTo(Instant.parse("2026-11-20T09:07:31.456789Z"));
    assertThat(probe.detail())
        .startsWith("[2026-11-20T09:07:31.456789000Z][com.docker.backend.exe.ipc][W]")
        .endsWith("HEAD /_ping (2.0001s): context deadline exceeded");
    assertThat(events).hasSize(3);
  }

  @Test
  void shouldFlagAnAutoMemoryReclaimValueWslDoesNotKnow() throws Exception {
    byte[] wslconfig =
        "[experimental]\r\nautoMemoryReclaim=gradualy\r\n".getBytes(StandardCharsets.UTF_8);

    Inventory inventory =
        (Inventory)
            OfflineParser.parse(
                    OfflineParser.Kind.WSLCONFIG, ".wslconfig", wslconfig, OPTIONS, problems)
                .getFirst();

    assertThat(inventory.autoMemoryReclaim()).isEqualTo("gradualy");
    assertThat(inventory.autoMemoryReclaimRecognized()).isFalse();
  }

  static Stream<Arguments> garbage() {
    byte[] binary = new byte[64 * 1024];
    new Random(11).nextBytes(binary);
    byte[] huge = ("x".repeat(2_000_000) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] truncated = "[ 5234.56".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "Versi\u00f3n WSL: 2.5.7.0\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] empty = new byte[0];
    return Arrays.stream(OfflineParser.Kind.values())
        .flatMap(
            kind ->
                Stream.of(binary, huge, truncated, latin1, empty)
                    .map(bytes -> Arguments.of(kind, bytes)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void shouldAnswerGarbageWithAReasonNeverAnException(OfflineParser.Kind kind, byte[] bytes) {
    assertThatCode(
            () -> {
              try {
                List<TelemetryEvent> events =
                    OfflineParser.parse(kind, "io", bytes, OPTIONS, problems);
                assertThat(events)
                    .as("garbage holds no finding, at most a snapshot of settings")
                    .hasSizeLessThanOrEqualTo(1)
                    .allMatch(Inventory.class::isInstance);
                if (events.isEmpty() && bytes.length > 0) {
                  assertThat(problems.lines).as("why nothing came of the input").isNotEmpty();
                }
              } catch (FormatException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
              }
            })
        .doesNotThrowAnyException();
    assertThat(problems.lines).allSatisfy(line -> assertThat(line).hasSizeLessThan(400));
  }
}
