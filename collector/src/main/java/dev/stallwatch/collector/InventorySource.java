package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the machine is, sent at start and whenever any of it changes: its name, kernel release,
 * cgroup layout ({@code proc/mounts}) and {@code cgroup_no_v1} ({@code proc/cmdline}), {@code
 * memory.reclaim} present, systemd, the distro, every {@code .wslconfig} key, Docker Desktop's
 * Resource Saver settings, and the versions {@code wsl.exe --version} and {@code docker version}
 * show. A part that cannot be read is left out (and logged once) rather than failing the rest. The
 * commands run at start, then {@code wsl.exe} once an hour and {@code docker version} only when
 * Docker Desktop's settings file changed (a restart or upgrade), since asking the engine could wake
 * it.
 */
final class InventorySource implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(InventorySource.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WSL_EVERY = Duration.ofHours(1);

  private final Path root;
  private final Path windowsHome;
  private final String distro;
  private final Path wslExe;
  private final Path dockerExe;
  private final String computerName;
  private final Duration interval;
  private final HostFacts facts;
  private final ProblemLog problems = new ProblemLog(LOG);
  private InventoryFacts last;
  private WslVersionParser.WslVersion wslVersion;
  private Instant wslAskedAt;
  private String dockerVersion;
  private FileTime settingsSeen;
  private boolean dockerAsked;
  private boolean saidWithoutDesktop;

  /**
   * @param root the distro's root, null on the Windows side
   * @param windowsHome the Windows user's home, null when unknown
   * @param wslExe {@code wsl.exe} to run, null to not run it
   * @param dockerExe {@code docker} to run, null to not run it
   */
  InventorySource(
      Path root,
      Path windowsHome,
      String distro,
      Path wslExe,
      Path dockerExe,
      Duration interval,
      HostFacts facts) {
    this(root, windowsHome, distro, wslExe, dockerExe, null, interval, facts);
  }

  /**
   * @param computerName the Windows computer name, the machine's name on the Windows side; null to
   *     read the hostname under the root
   */
  InventorySource(
      Path root,
      Path windowsHome,
      String distro,
      Path wslExe,
      Path dockerExe,
      String computerName,
      Duration interval,
      HostFacts facts) {
    this.root = root;
    this.windowsHome = windowsHome;
    this.distro = distro;
    this.wslExe = wslExe;
    this.dockerExe = dockerExe;
    this.computerName = computerName;
    this.interval = interval;
    this.facts = facts;
  }

  @Override
  public String name() {
    return "inventory";
  }

  @Override
  public String description() {
    return "reads proc/sys/kernel/osrelease, proc/sys/kernel/hostname (or COMPUTERNAME on"
        + " Windows), proc/mounts, proc/cmdline, "
        + "sys/fs/cgroup/memory.reclaim (exists?), run/systemd/system, etc/wsl.conf, the "
        + "Windows home's .wslconfig and Docker Desktop settings, and the output of wsl.exe "
        + "--version and docker version; sends the inventory fields of docs/events.md "
        + "(every .wslconfig key with its value, and whether each Docker Desktop backend API "
        + "endpoint asked answered), at start and when they change";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
    InventoryFacts current = read(now);
    if (current.equals(last)) {
      return List.of();
    }
    last = current;
    return List.of(current.toEvent(envelopes.next(now)));
  }

  InventoryFacts read(Instant now) {
    Map<String, String> wslconfig =
        windowsHome == null
            ? Map.of()
            : part(
                "wslconfig",
                () ->
                    SourceFiles.readIfPresent(windowsHome.resolve(".wslconfig"), 1 << 20)
                        .map(text -> IniParser.parse(text, problems.of(".wslconfig")))
                        .orElse(Map.of()),
                Map.of());
    String reclaim = wslconfig.get("experimental.automemoryreclaim");
    facts.autoMemoryReclaim(reclaim);
    DockerDesktopParsers.Settings docker = dockerSettings();
    refreshCommands(now);
    return new InventoryFacts(
        wslVersion == null ? null : wslVersion.wsl(),
        root == null
            ? (wslVersion == null ? null : wslVersion.kernel())
            : part(
                "osrelease",
                () ->
                    SourceFiles.parseIfPresent(
                            root.resolve("proc/sys/kernel/osrelease"), SystemParsers::kernelRelease)
                        .orElse(null),
                null),
        wslVersion == null ? null : wslVersion.windows(),
        distro,
        root == null ? null : systemd(),
        root == null
            ? null
            : part(
                "mounts",
                () ->
                    SourceFiles.parseIfPresent(
                            root.resolve("proc/mounts"),
                            text -> SystemParsers.cgroupLayout(text, Problems.IGNORE))
                        .orElse(null),
                null),
        root == null
            ? null
            : part(
                "cmdline",
                () ->
                    SourceFiles.readIfPresent(root.resolve("proc/cmdline"), 1 << 16)
                        .map(SystemParsers::cgroupV1Disabled)
                        .orElse(null),
                null),
        root == null ? null : Files.exists(root.resolve("sys/fs/cgroup/memory.reclaim")),
        reclaim,
        wslconfig,
        dockerVersion,
        docker == null ? null : docker.useResourceSaver(),
        docker == null ? null : docker.autoPauseTimeoutSeconds(),
        InventoryFacts.reclaimRecognized(reclaim),
        part("host name", this::hostName, null),
        facts.backendApi());
  }

  private String hostName() throws IOException {
    if (computerName != null) {
      return MachineNames.parse(computerName).orElse(null);
    }
    return root == null ? null : MachineNames.underRoot(root).orElse(null);
  }

  private Boolean systemd() {
    if (Files.isDirectory(root.resolve("run/systemd/system"))) {
      return true;
    }
    Map<String, String> conf =
        part(
            "wsl.conf",
            () ->
                SourceFiles.readIfPresent(root.resolve("etc/wsl.conf"), 1 << 16)
                    .map(text -> IniParser.parse(text, problems.of("wsl.conf")))
                    .orElse(Map.of()),
            Map.of());
    Boolean configured = InventoryFacts.systemdSetting(conf.get("boot.systemd"));
    if (configured != null) {
      return configured;
    }
    return Files.isDirectory(root.resolve("run")) ? false : null;
  }

  private Path settingsFile() {
    Path dir = windowsHome.resolve("AppData/Roaming/Docker");
    Path store = dir.resolve("settings-store.json");
    return Files.exists(store) ? store : dir.resolve("settings.json");
  }

  private DockerDesktopParsers.Settings dockerSettings() {
    if (windowsHome == null) {
      return null;
    }
    Path file = settingsFile();
    return part(
        "docker settings",
        () -> SourceFiles.parseIfPresent(file, DockerDesktopParsers::settings).orElse(null),
        null);
  }

  private void refreshCommands(Instant now) {
    if (wslExe != null
        && (wslAskedAt == null || Duration.between(wslAskedAt, now).compareTo(WSL_EVERY) >= 0)) {
      wslAskedAt = now;
      WslVersionParser.WslVersion read =
          part(
              "wsl.exe --version",
              () -> {
                CommandRunner.Result result = run(List.of(wslExe.toString(), "--version"));
                return WslVersionParser.parse(WslVersionParser.decode(result.stdout()));
              },
              null);
      wslVersion = read != null ? read : wslVersion;
    }
    FileTime settings = windowsHome == null ? null : modified(settingsFile());
    if (dockerExe != null
        && (!dockerAsked || (settings != null && !settings.equals(settingsSeen)))) {
      dockerAsked = true;
      settingsSeen = settings;
      DockerDesktopParsers.DockerVersion read =
          part(
              "docker version",
              () ->
                  DockerDesktopParsers.dockerVersion(
                      new String(
                          run(List.of(dockerExe.toString(), "version")).stdout(),
                          StandardCharsets.UTF_8)),
              null);
      if (read != null && read.desktopVersion() != null) {
        dockerVersion = read.desktopVersion();
      } else if (read != null && !saidWithoutDesktop) {
        // Not a failure: most Linux machines and CI have a plain Docker CLI. Said once per run.
        saidWithoutDesktop = true;
        LOG.info("no Docker Desktop version to report: {}", read.withoutDesktop());
      }
    }
  }

  private static CommandRunner.Result run(List<String> command) throws IOException {
    try {
      CommandRunner.Result result = CommandRunner.run(command, COMMAND_TIMEOUT);
      if (result.timedOut()) {
        throw new IOException(
            String.join(" ", command)
                + " did not finish within "
                + COMMAND_TIMEOUT.toSeconds()
                + " s");
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  @FunctionalInterface
  private interface Part<T> {
    T read() throws IOException;
  }

  /** Reads one part; a failure is logged once per part and leaves the value unknown. */
  private <T> T part(String what, Part<T> reader, T unknown) {
    try {
      T value = reader.read();
      problems.clear(what);
      return value;
    } catch (IOException | RuntimeException e) {
      problems.once(what, e.getMessage() == null ? e.toString() : e.getMessage());
      return unknown;
    }
  }
}
