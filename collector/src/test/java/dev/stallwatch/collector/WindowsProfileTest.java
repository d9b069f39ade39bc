package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ProbeStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows profile on a fixture home with a fake wsl.exe, as the same jar runs on Windows. */
class WindowsProfileTest {

  @TempDir Path bin;

  @Test
  void shouldReadTheWindowsSideAndProbeEachDistro() throws Exception {
    Path home = Fixtures.root(Fixtures.CGROUP2).resolve("mnt/c/Users/dev");
    Path wsl =
        FakeExecutables.wslExe(
            bin, Fixtures.root(Fixtures.FORMATS).resolve("wsl-version-utf16.txt"));
    RecordingSink sink = new RecordingSink();
    CollectorConfig config =
        CollectorConfig.parse(
            "c.yaml",
            "heartbeatInterval: 200ms\n"
                + "windows: {distroProbeInterval: 1s, distroProbeTimeout: 1s}\n",
            null);

    try (Collector collector =
        Collector.create(
            Profile.WINDOWS,
            new Machine(home, home, null, null, wsl, null, false, "DESKTOP-4F2K9QZ"),
            "win-a",
            sink,
            config)) {
      collector.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> sink.ofType(DistroProbe.class).size() >= 3);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  sink.ofType(Heartbeat.class).stream()
                      .anyMatch(
                          h ->
                              h.sources()
                                  .keySet()
                                  .containsAll(
                                      List.of("inventory", "dockerlog", "distros", "freeze"))));
    }

    Inventory inventory = sink.ofType(Inventory.class).getFirst();
    assertThat(inventory.wslVersion()).isEqualTo("2.5.7.0");
    assertThat(inventory.autoMemoryReclaim()).isEqualTo("gradual");
    assertThat(inventory.resourceSaverEnabled()).isTrue();
    assertThat(inventory.kernelVersion()).isEqualTo("6.6.87.2-1");
    assertThat(inventory.hostName()).as("COMPUTERNAME").isEqualTo("DESKTOP-4F2K9QZ");
    assertThat(sink.ofType(DistroProbe.class).subList(0, 3))
        .extracting(DistroProbe::status)
        .containsExactly(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.FAILED);
  }
}
