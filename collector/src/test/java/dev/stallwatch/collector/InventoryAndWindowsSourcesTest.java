package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryAndWindowsSourcesTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final Path ROOT = Fixtures.root(Fixtures.CGROUP2);
  private static final Path HOME = ROOT.resolve("mnt/c/Users/dev");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  @TempDir Path bin;

  private InventorySource inventory(Path root, Path home, HostFacts facts) throws Exception {
    Path formats = Fixtures.root(Fixtures.FORMATS);
    return new InventorySource(
        root,
        home,
        "Ubuntu-24.04",
        FakeExecutables.wslExe(bin, formats.resolve("wsl-version-utf16.txt")),
        FakeExecutables.docker(bin, formats.resolve("docker-version.txt")),
        Duration.ofSeconds(60),
        facts);
  }

  @Test
  void shouldReportHowTheBackendApiAnsweredAndSendAgainWhenThatChanges() throws Exception {
    HostFacts facts = new HostFacts();
    InventorySource source = inventory(ROOT, HOME, facts);

    Inventory before = (Inventory) source.sample(envelopes, NOW).getFirst();
    facts.backendApi("GET /idle", "no answer: Connection refused");
    Inventory refused = (Inventory) source.sample(envelopes, NOW.plusSeconds(60)).getFirst();
    List<TelemetryEvent> unchanged = source.sample(envelopes, NOW.plusSeconds(120));
    facts.backendApi("GET /idle", "answered");
    Inventory answered = (Inventory) source.sample(envelopes, NOW.plusSeconds(180)).getFirst();

    assertThat(before.dockerBackendApi()).isEmpty();
    assertThat(refused.dockerBackendApi())
        .isEqualTo(Map.of("GET /idle", "no answer: Connection refused"));
    assertThat(unchanged).isEmpty();
    assertThat(answered.dockerBackendApi()).isEqualTo(Map.of("GET /idle", "answered"));
  }

  @Test
  void shouldDescribeTheWholeMachineAtStartAndNothingWhileUnchanged() throws Exception {
    HostFacts facts = new HostFacts();
    InventorySource source = inventory(ROOT, HOME, facts);

    Inventory inventory = (Inventory) source.sample(envelopes, NOW).getFirst();

    assertThat(inventory.wslVersion()).isEqualTo("2.5.7.0");
    assertThat(inventory.windowsVersion()).isEqualTo("10.0.26100.4061");
    assertThat(inventory.kernelVersion()).isEqualTo("6.6.87.2-microsoft-standard-WSL2");
    assertThat(inventory.distro()).isEqualTo("Ubuntu-24.04");
    assertThat(inventory.hostName()).as("proc/sys/kernel/hostname").isEqualTo("anna-laptop");
    assertThat(inventory.systemd()).isTrue();
    assertThat(inventory.cgroupLayout()).isEqualTo(CgroupLayout.V2);
    assertThat(inventory.cgroupV1Disabled()).isTrue();
    assertThat(inventory.memoryReclaimPresent()).isTrue();
    assertThat(inventory.autoMemoryReclaim()).isEqualTo("gradual");
    assertThat(inventory.autoMemoryReclaimRecognized()).isTrue();
    assertThat(inventory.wslconfig()).containsEntry("wsl2.memory", "16GB").hasSize(5);
    assertThat(inventory.dockerDesktopVersion()).isEqualTo("4.42.0");
    assertThat(inventory.resourceSaverEnabled()).isTrue();
    assertThat(inventory.autoPauseTimeoutSeconds()).isEqualTo(300);
    assertThat(facts.autoMemoryReclaim()).isEqualTo("gradual");
    assertThat(source.sample(envelopes, NOW.plusSeconds(60))).isEmpty();
  }

  @Test
  void shouldSendANewInventoryWhenWslconfigChanges(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve(".wslconfig"), "[experimental]\nautoMemoryReclaim=gradual\n");
    InventorySource source = inventory(ROOT, home, new HostFacts());
    source.sample(envelopes, NOW);

    Files.writeString(home.resolve(".wslconfig"), "[experimental]\nautoMemoryReclaim=dropcache\n");
    List<TelemetryEvent> changed = source.sample(envelopes, NOW.plusSeconds(60));

    assertThat(changed)
        .singleElement()
        .extracting(e -> ((Inventory) e).autoMemoryReclaim())
        .isEqualTo("dropcache");
  }

  @Test
  void shouldLeaveOutWhatCannotBeReadAndKeepTheRest(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc/sys/kernel"));
    Files.writeString(
        root.resolve("proc/sys/kernel/osrelease"), "5.15.167.4-microsoft-standard-WSL2\n");
    Files.writeString(root.resolve("proc/mounts"), "\u0000\u0001 garbage\n");
    Path broken = FakeExecutables.script(bin, "wsl-broken.exe", "exit 1");

    Inventory inventory =
        (Inventory)
            new InventorySource(
                    root, null, null, broken, null, Duration.ofSeconds(60), new HostFacts())
                .sample(envelopes, NOW)
                .getFirst();

    assertThat(inventory.kernelVersion()).isEqualTo("5.15.167.4-microsoft-standard-WSL2");
    assertThat(inventory.cgroupLayout()).isNull();
    assertThat(inventory.wslVersion()).isNull();
    assertThat(inventory.autoMemoryReclaim()).isNull();
  }

  @Test
  void shouldLeaveOutAHostnameThatIsNotOneAndKeepTheRest(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc/sys/kernel"));
    Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.6.87.2-microsoft-WSL2\n");
    Files.writeString(
        root.resolve("proc/sys/kernel/hostname"), "<img src=x onerror=alert(1)>\u001b[2J\n");
    InventorySource source =
        new InventorySource(root, null, null, null, null, Duration.ofSeconds(60), new HostFacts());

    Inventory inventory = (Inventory) source.sample(envelopes, NOW).getFirst();
    Files.writeString(root.resolve("proc/sys/kernel/hostname"), "anna-laptop\n");
    Inventory renamed = (Inventory) source.sample(envelopes, NOW.plusSeconds(60)).getFirst();

    assertThat(inventory.hostName()).isNull();
    assertThat(inventory.kernelVersion()).isEqualTo("6.6.87.2-microsoft-WSL2");
    assertThat(renamed.hostName()).as("a rename is a change").isEqualTo("anna-laptop");
  }

  @Test
  void shouldNameTheWindowsSideByItsComputerName(@TempDir Path home) {
    Machine windows =
        Machine.discoverWindows(home, null, Map.of("COMPUTERNAME", "DESKTOP-4F2K9QZ"));

    assertThat(windows.computerName()).isEqualTo("DESKTOP-4F2K9QZ");
    assertThat(windows.forManifest().withCommands(null, null).computerName())
        .isEqualTo("DESKTOP-4F2K9QZ");
  }

  @Test
  void shouldProbeEachDistroButDockerDesktopsWithATimeout() throws Exception {
    Path wsl =
        FakeExecutables.wslExe(
            bin, Fixtures.root(Fixtures.FORMATS).resolve("wsl-version-utf16.txt"));
    DistroProbeSource source =
        new DistroProbeSource(
            wsl, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2));

    List<TelemetryEvent> events = source.sample(envelopes, NOW);

    assertThat(events)
        .extracting(e -> ((DistroProbe) e).distro())
        .containsExactly("Ubuntu-24.04", "Frozen", "Broken");
    assertThat(events)
        .extracting(e -> ((DistroProbe) e).status())
        .containsExactly(ProbeStatus.OK, ProbeStatus.TIMEOUT, ProbeStatus.FAILED);
    assertThat(((DistroProbe) events.get(1)).detail())
        .isEqualTo("wsl.exe -d Frozen -e true did not return within 2 s");
    assertThat(((DistroProbe) events.get(2)).detail()).contains("Wsl/Service/E_UNEXPECTED");
  }

  @Test
  void shouldTailTheBackendLogAcrossRotationAndResumeAfterARestart(
      @TempDir Path home, @TempDir Path state) throws Exception {
    Path log = home.resolve(DockerDesktopLogSource.BACKEND_LOG);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "[2026-11-20T08:58:02.104315600Z][com.docker.backend.exe][I] start\n");
    RecordingSink sink = new RecordingSink();
    DockerDesktopLogSource source =
        new DockerDesktopLogSource(
            home,
            ResourceSaverPatterns.defaults(),
            EngineRequestPatterns.defaults(),
            new CheckpointStore(state),
            false,
            Duration.ofSeconds(1));
    source.sample(envelopes, NOW);
    source.afterEmit(sink);

    Files.writeString(
        log,
        "[2026-11-20T09:04:59Z][com.docker.backend.exe.idle][I] entering" + " Resource Saver\n",
        StandardOpenOption.APPEND);
    Files.move(log, log.resolveSibling("com.docker.backend.exe.log.20261120-090500.001"));
    Files.writeString(log, "[2026-11-20T09:05:00Z][com.docker.backend.exe][I] rotated\n");
    List<TelemetryEvent> entered = source.sample(envelopes, NOW);
    source.afterEmit(sink);

    Files.writeString(
        log,
        "[2026-11-20T09:12:00Z][com.docker.backend.exe.idle][I] exiting" + " Resource Saver\n",
        StandardOpenOption.APPEND);
    DockerDesktopLogSource restarted =
        new DockerDesktopLogSource(
            home,
            ResourceSaverPatterns.defaults(),
            EngineRequestPatterns.defaults(),
            new CheckpointStore(state),
            false,
            Duration.ofSeconds(1));
    List<TelemetryEvent> exited = restarted.sample(envelopes, NOW);

    assertThat(entered)
        .singleElement()
        .extracting(e -> ((ResourceSaver) e).state())
        .isEqualTo(ResourceSaver.State.ENTERED);
    assertThat(exited)
        .singleElement()
        .extracting(e -> ((ResourceSaver) e).state())
        .isEqualTo(ResourceSaver.State.EXITED);
    assertThat(exited.getFirst().ts()).isEqualTo(Instant.parse("2026-11-20T09:12:00Z"));
  }

  @Test
  void shouldFindTheOneWindowsHomeAndHonourTheAutomountRoot(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/wsl.conf"), "[automount]\nroot = /win/\n");
    Files.createDirectories(root.resolve("win/c/Users/anna/AppData"));
    Files.createDirectories(root.resolve("win/c/Users/Public/AppData"));
    Files.createDirectories(root.resolve("win/c/Users/Default"));

    assertThat(WindowsHome.find(root)).contains(root.resolve("win/c/Users/anna"));
    Files.createDirectories(root.resolve("win/c/Users/bruno"));
    Files.writeString(root.resolve("win/c/Users/bruno/.wslconfig"), "[wsl2]\n");
    assertThat(WindowsHome.find(root)).isEmpty();
    assertThat(WindowsHome.candidates(root)).hasSize(2);
  }

  @Test
  void shouldShowInTheManifestExactlyTheValuesAndLinesThatWouldLeave() throws Exception {
    Machine machine = new Machine(ROOT, HOME, "Ubuntu-24.04", null, null, null, true);
    StringWriter text = new StringWriter();
    try (Collector collector =
        Collector.create(
            Profile.GUEST, machine, "host-a", new RecordingSink(), CollectorConfig.defaults())) {
      Manifest.print(collector, "host-a", new PrintWriter(text));
    }

    assertThat(text.toString())
        .contains(
            "[inventory]",
            "\"autoMemoryReclaim\":\"gradual\"",
            "[dockerlog]",
            "entering Resource Saver",
            "[kmsg] streaming",
            "hung_task (HUNG_TASK)",
            "[pressure]",
            "\"resource\":\"IO\"")
        .doesNotContain("pausing engine linux/docker", "Docker Desktop backend starting");
  }
}
