package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Everything a collector can be told, from a YAML file ({@code --config}), every key optional with
 * the defaults of docs/collector.md. Validated at load: an unknown key, a bad duration or a bad
 * regex is an error naming the file and the key.
 */
public final class CollectorConfig {

  Duration sampleInterval = CollectorSettings.DEFAULT_SAMPLE_INTERVAL;
  Duration heartbeatInterval = CollectorSettings.DEFAULT_HEARTBEAT_INTERVAL;
  Duration inventoryInterval = Duration.ofSeconds(60);
  SpoolSettings spool = SpoolSettings.defaults();
  Duration dStateAfter = Duration.ofSeconds(30);
  Duration diskStallAfter = Duration.ofSeconds(30);
  Duration probeInterval = Duration.ofSeconds(5);
  Duration probeSlow = Duration.ofSeconds(2);
  Duration probeTimeout = Duration.ofSeconds(10);
  Duration aptStallAfter = Duration.ofSeconds(120);
  Duration freezeLateBy = Duration.ofSeconds(5);
  String dockerSocket = "var/run/docker.sock";
  boolean engineProbe = true;
  Duration engineProbeInterval = Duration.ofSeconds(5);
  Duration engineProbeTimeout = Duration.ofSeconds(3);
  Duration engineProbeSlow = Duration.ofSeconds(1);
  int engineProbeConsecutive = 3;
  Duration engineClientWait = Duration.ofSeconds(30);
  ResourceSaverPatterns resourceSaver = ResourceSaverPatterns.defaults();
  EngineRequestPatterns engineRequests = EngineRequestPatterns.defaults();
  boolean backendApi = true;
  String backendSocket = "mnt/wsl/docker-desktop/shared-sockets/host-services/backend.sock";
  String backendPipe = NamedPipeTransport.DOCKER_BACKEND_PIPE;
  Duration backendInterval = Duration.ofSeconds(10);
  Duration backendTimeout = Duration.ofSeconds(2);
  String dockerCli = "usr/bin/docker";
  List<KernelRule> kernelRules = KernelRules.shipped();
  Duration distroProbeInterval = Duration.ofSeconds(30);
  Duration distroProbeTimeout = Duration.ofSeconds(10);

  private CollectorConfig() {}

  public static CollectorConfig defaults() {
    return new CollectorConfig();
  }

  /** The defaults with the sampling and heartbeat intervals of {@code settings}. */
  public static CollectorConfig of(CollectorSettings settings) {
    CollectorConfig config = new CollectorConfig();
    config.sampleInterval = settings.sampleInterval();
    config.heartbeatInterval = settings.heartbeatInterval();
    return config;
  }

  public Duration sampleInterval() {
    return sampleInterval;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** An apt run that makes no progress this long is stalled. */
  public Duration aptStallAfter() {
    return aptStallAfter;
  }

  public SpoolSettings spool() {
    return spool;
  }

  /** Loads a configuration file. */
  public static CollectorConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read the configuration " + file + ": " + e.getMessage());
    }
    return parse(file.toString(), text, file.toAbsolutePath().getParent());
  }

  static CollectorConfig parse(String name, String yaml, Path baseDir) throws ConfigException {
    ConfigTree root = ConfigTree.parse(name, yaml);
    root.allowOnly(
        Set.of(
            "sampleInterval",
            "heartbeatInterval",
            "inventoryInterval",
            "spool",
            "io",
            "apt",
            "freeze",
            "docker",
            "kernelRules",
            "windows"));
    CollectorConfig c = new CollectorConfig();
    c.sampleInterval = root.duration("sampleInterval", c.sampleInterval);
    c.heartbeatInterval = root.duration("heartbeatInterval", c.heartbeatInterval);
    c.inventoryInterval = root.duration("inventoryInterval", c.inventoryInterval);
    if (root.has("spool")) {
      c.readSpool(root.child("spool"));
    }
    if (root.has("io")) {
      c.readIo(root.child("io"));
    }
    if (root.has("apt")) {
      ConfigTree apt = root.child("apt");
      apt.allowOnly(Set.of("stallAfter"));
      c.aptStallAfter = apt.duration("stallAfter", c.aptStallAfter);
    }
    if (root.has("freeze")) {
      ConfigTree freeze = root.child("freeze");
      freeze.allowOnly(Set.of("lateBy"));
      c.freezeLateBy = freeze.duration("lateBy", c.freezeLateBy);
    }
    if (root.has("docker")) {
      c.readDocker(root.child("docker"));
    }
    if (root.has("kernelRules")) {
      Path rules = Path.of(root.text("kernelRules"));
      c.kernelRules = KernelRules.load(baseDir == null ? rules : baseDir.resolve(rules));
    }
    if (root.has("windows")) {
      ConfigTree windows = root.child("windows");
      windows.allowOnly(Set.of("distroProbeInterval", "distroProbeTimeout"));
      c.distroProbeInterval = windows.duration("distroProbeInterval", c.distroProbeInterval);
      c.distroProbeTimeout = windows.duration("distroProbeTimeout", c.distroProbeTimeout);
    }
    return c;
  }

  private void readIo(ConfigTree io) throws ConfigException {
    io.allowOnly(
        Set.of("dStateAfter", "diskStallAfter", "probeInterval", "probeSlow", "probeTimeout"));
    probeInterval = io.duration("probeInterval", probeInterval);
    dStateAfter = io.duration("dStateAfter", dStateAfter);
    diskStallAfter = io.duration("diskStallAfter", diskStallAfter);
    probeSlow = io.duration("probeSlow", probeSlow);
    probeTimeout = io.duration("probeTimeout", probeTimeout);
  }

  private void readSpool(ConfigTree tree) throws ConfigException {
    tree.allowOnly(Set.of("maxBytes", "fsync"));
    long max = tree.has("maxBytes") ? tree.bytes("maxBytes") : spool.maxBytes();
    FsyncPolicy fsync = spool.fsync();
    if (tree.has("fsync")) {
      try {
        fsync = FsyncPolicy.valueOf(tree.text("fsync").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw tree.error("fsync", "'" + tree.text("fsync") + "' is not always, interval or never");
      }
    }
    try {
      spool = new SpoolSettings(max, fsync);
    } catch (IllegalArgumentException e) {
      throw tree.error("maxBytes", e.getMessage());
    }
  }

  private void readDocker(ConfigTree tree) throws ConfigException {
    tree.allowOnly(
        Set.of(
            "socket",
            "probe",
            "probeInterval",
            "probeTimeout",
            "probeSlow",
            "consecutive",
            "clientWait",
            "resourceSaver",
            "engineRequests",
            "backend",
            "cli"));
    dockerSocket = tree.has("socket") ? tree.text("socket").replaceAll("^/+", "") : dockerSocket;
    engineProbe = tree.has("probe") ? tree.bool("probe") : engineProbe;
    engineProbeInterval = tree.duration("probeInterval", engineProbeInterval);
    engineProbeTimeout = tree.duration("probeTimeout", engineProbeTimeout);
    engineProbeSlow = tree.duration("probeSlow", engineProbeSlow);
    engineProbeConsecutive =
        tree.has("consecutive") ? tree.integer("consecutive", 1, 100) : engineProbeConsecutive;
    engineClientWait = tree.duration("clientWait", engineClientWait);
    dockerCli = tree.has("cli") ? tree.text("cli").replaceAll("^/+", "") : dockerCli;
    if (tree.has("backend")) {
      readBackend(tree.child("backend"));
    }
    if (tree.has("engineRequests")) {
      readEngineRequests(tree.child("engineRequests"));
    }
    if (tree.has("resourceSaver")) {
      ConfigTree rs = tree.child("resourceSaver");
      rs.allowOnly(Set.of("entered", "exited"));
      List<String> entered =
          rs.has("entered") ? rs.texts("entered") : ResourceSaverPatterns.DEFAULT_ENTERED;
      List<String> exited =
          rs.has("exited") ? rs.texts("exited") : ResourceSaverPatterns.DEFAULT_EXITED;
      try {
        resourceSaver = ResourceSaverPatterns.compile(entered, exited);
      } catch (PatternSyntaxException e) {
        throw rs.error(
            rs.has("entered") ? "entered" : "exited",
            "bad pattern: " + e.getDescription() + " in '" + e.getPattern() + "'");
      }
    }
  }

  private void readBackend(ConfigTree tree) throws ConfigException {
    tree.allowOnly(Set.of("api", "socket", "pipe", "interval", "timeout"));
    backendApi = tree.has("api") ? tree.bool("api") : backendApi;
    backendSocket = tree.has("socket") ? tree.text("socket").replaceAll("^/+", "") : backendSocket;
    backendPipe = tree.has("pipe") ? tree.text("pipe") : backendPipe;
    backendInterval = tree.duration("interval", backendInterval);
    backendTimeout = tree.duration("timeout", backendTimeout);
  }

  private void readEngineRequests(ConfigTree tree) throws ConfigException {
    tree.allowOnly(Set.of("timeout", "failed", "ok"));
    List<String> timeout =
        tree.has("timeout") ? tree.texts("timeout") : EngineRequestPatterns.DEFAULT_TIMEOUT;
    List<String> failed =
        tree.has("failed") ? tree.texts("failed") : EngineRequestPatterns.DEFAULT_FAILED;
    List<String> ok = tree.has("ok") ? tree.texts("ok") : EngineRequestPatterns.DEFAULT_OK;
    for (String key : List.of("timeout", "failed", "ok")) {
      if (tree.has(key)) {
        try {
          EngineRequestPatterns.compile(tree.texts(key), List.of(), List.of());
        } catch (PatternSyntaxException e) {
          throw tree.error(
              key, "bad pattern: " + e.getDescription() + " in '" + e.getPattern() + "'");
        }
      }
    }
    engineRequests = EngineRequestPatterns.compile(timeout, failed, ok);
  }
}
