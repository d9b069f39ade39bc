package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerLogInterpreterTest {

  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);
  private final Fixtures.CollectedProblems problems = new Fixtures.CollectedProblems();

  private List<TelemetryEvent> read(DockerLogInterpreter interpreter, String... lines) {
    return interpreter.accept(List.of(lines), envelopes, problems, 1);
  }

  private static DockerLogInterpreter withDefaults() {
    return new DockerLogInterpreter(
        ResourceSaverPatterns.defaults(), EngineRequestPatterns.defaults());
  }

  @Test
  void shouldTakeTheIdleComponentsIdleToBusyLineForLeavingResourceSaver() {
    List<TelemetryEvent> events =
        read(
            withDefaults(),
            "[2026-11-20T09:04:59.998001200Z][com.docker.backend.exe.idle] busy -> idle",
            "[2026-11-20T09:24:58.438000000Z][com.docker.backend.idle] idle -> busy (was idle for"
                + " 19m58.44s; reason: [1 calls to /containers/json from DockerDesktopUI])");

    assertThat(events)
        .extracting(e -> ((ResourceSaver) e).state())
        .containsExactly(ResourceSaver.State.ENTERED, ResourceSaver.State.EXITED);
    assertThat(((ResourceSaver) events.getLast()).evidence()).contains("was idle for 19m58.44s");
    assertThat(problems.lines).isEmpty();
  }

  @Test
  void shouldReportTheFirstTimedOutEngineRequestAndNotItsRepeats() {
    String timeout =
        "[2026-11-20T09:07:31.456789000Z][com.docker.backend.exe.ipc][W] (d2c1f9e0)"
            + " 3a4b2c1d-BackendAPI S->C HEAD /_ping (2.0001s): context deadline exceeded";
    String again = timeout.replace("09:07:31", "09:07:41");

    List<TelemetryEvent> events = read(withDefaults(), timeout, again);

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              EngineProbe probe = (EngineProbe) e;
              assertThat(probe.status()).isEqualTo(ProbeStatus.TIMEOUT);
              assertThat(probe.seenVia()).isEqualTo(EngineProbe.Via.BACKEND_LOG);
              assertThat(probe.detail()).isEqualTo(timeout);
              assertThat(probe.latencyMillis()).isNull();
            });
  }

  @Test
  void shouldReportAFailedRequestThenTheConfiguredSuccessAfterIt() {
    DockerLogInterpreter interpreter =
        new DockerLogInterpreter(
            ResourceSaverPatterns.defaults(),
            EngineRequestPatterns.compile(
                EngineRequestPatterns.DEFAULT_TIMEOUT,
                EngineRequestPatterns.DEFAULT_FAILED,
                List.of("\\{\"engine\":\"linux/docker\",\"state\":\"running\"\\}")));
    String running =
        "[2026-11-20T09:12:00.530114Z][com.docker.backend.exe.engines]"
            + " {\"engine\":\"linux/docker\",\"state\":\"running\"}";

    List<TelemetryEvent> beforeAnyFailure = read(interpreter, running);
    List<TelemetryEvent> events =
        read(
            interpreter,
            "[2026-11-20T09:07:31.456789000Z][com.docker.backend.exe.ipc][W] (d2c1f9e0)"
                + " 3a4b2c1d-BackendAPI S->C HEAD /_ping (0.0003s): connection refused",
            running,
            running);

    assertThat(beforeAnyFailure).isEmpty();
    assertThat(events)
        .extracting(e -> ((EngineProbe) e).status())
        .containsExactly(ProbeStatus.FAILED, ProbeStatus.OK);
  }
}
