package dev.stallwatch.app.cli;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.app.ShutdownSignal;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.collect.StateDir;
import dev.stallwatch.collector.Collector;
import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.ConfigException;
import dev.stallwatch.collector.EventSink;
import dev.stallwatch.collector.HostIds;
import dev.stallwatch.collector.Machine;
import dev.stallwatch.collector.MachineNames;
import dev.stallwatch.collector.Manifest;
import dev.stallwatch.collector.Profile;
import dev.stallwatch.collector.SpoolingSink;
import dev.stallwatch.collector.WindowsHome;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stallwatch collect}: the collector of one machine, sending to a Kafka cluster. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Collects what this machine shows about hangs (kernel log, memory, PSI, I/O stalls, apt"
          + " runs, Docker Desktop's Resource Saver, WSL settings) and sends it to Kafka topic"
          + " stallwatch.telemetry. Events are spooled on disk first, so Kafka being away loses"
          + " nothing; Ctrl-C or SIGTERM stops it. Only matched lines and the values listed by"
          + " --manifest leave the machine.",
      ""
    })
final class CollectCommand implements Callable<Integer> {

  private static final Pattern BOOTSTRAP =
      Pattern.compile("[^,\\s:]+(:[^,\\s:]+)*:\\d{1,5}(,[^,\\s:]+(:[^,\\s:]+)*:\\d{1,5})*");

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (comma separated). Required unless --manifest.")
  String bootstrap;

  @Option(
      names = "--profile",
      paramLabel = "guest|windows",
      defaultValue = "guest",
      description =
          "guest: inside a WSL distro (default); windows: on Windows, reading .wslconfig and"
              + " Docker Desktop natively and probing each distro with wsl.exe.")
  String profile;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description = "The distro's root to read /proc, /sys, /dev/kmsg and logs under (default: /).")
  Path root;

  @Option(
      names = "--windows-home",
      paramLabel = "DIR",
      description =
          "The Windows user's home (/mnt/c/Users/NAME in the distro). Found on its own when"
              + " exactly one user directory has a .wslconfig or AppData.")
  Path windowsHome;

  @Option(
      names = "--host-id",
      paramLabel = "ID",
      description = "The host id events carry (default: a stable id derived from the machine id).")
  String hostId;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML configuration (intervals, thresholds, spool, Resource Saver patterns).")
  Path config;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Spool, tail checkpoints and seq counter (default: /var/lib/stallwatch/collector for"
              + " root, else ~/.local/state/stallwatch/collector).")
  Path stateDir;

  @Option(
      names = "--wsl-exe",
      paramLabel = "FILE",
      description = "The wsl.exe to run (default: found on the PATH).")
  Path wslExe;

  @Option(
      names = "--docker",
      paramLabel = "FILE",
      description = "The docker CLI to ask for Docker Desktop's version (default: on the PATH).")
  Path docker;

  @Option(
      names = "--manifest",
      description =
          "Print exactly which files are read and which lines and values would leave this"
              + " machine (a dry run of every source), then exit. Sends nothing.")
  boolean manifest;

  @Option(
      names = "--capture",
      paramLabel = "DIR",
      description =
          "Write a capture of this machine into DIR (new or empty) for 'stallwatch diagnose DIR',"
              + " or to send to someone, and exit; sends nothing. docs/diagnose.md lists what a"
              + " capture holds and what it leaves out.")
  Path capture;

  @Override
  public Integer call() throws Exception {
    Profile chosen = profile();
    CollectorConfig settings = loadConfig();
    Path state = stateDir != null ? stateDir : StateDir.defaultDir();
    if (capture != null) {
      checkCaptureDir(chosen);
    }
    Machine machine = machine(chosen, state);
    String host = hostId != null ? validHostId("--host-id", hostId) : HostIds.stable(root);
    if (capture != null) {
      return CaptureCommand.write(capture, machine, host, spec.commandLine());
    }
    if (manifest) {
      PrintWriter out = spec.commandLine().getOut();
      try (Collector dryRun =
          Collector.create(chosen, machine.forManifest(), host, new NoSink(), settings)) {
        Manifest.print(dryRun, host, out);
      }
      return 0;
    }
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new StartupException("--bootstrap HOST:PORT is required (or use --manifest)");
    }
    if (!BOOTSTRAP.matcher(bootstrap).matches()) {
      throw new StartupException(
          "--bootstrap must be HOST:PORT[,HOST:PORT...], was '" + bootstrap + "'");
    }
    return run(chosen, machine, host, settings, state);
  }

  private int run(
      Profile chosen, Machine machine, String host, CollectorConfig settings, Path state)
      throws Exception {
    ServiceStack stack = new ServiceStack();
    try {
      stack.add("state directory lock", StateDir.lock(state));
      SpoolingSink sink =
          stack.add(
              "spool and Kafka sender",
              SpoolingSink.toKafka(
                  state,
                  Map.of(
                      CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                      bootstrap,
                      CommonClientConfigs.CLIENT_ID_CONFIG,
                      "stallwatch-collector-" + host),
                  settings.spool()));
      Collector collector =
          stack.add("collector", Collector.create(chosen, machine, host, sink, settings));
      collector.start();
    } catch (StartupException | IOException | RuntimeException e) {
      stack.close();
      if (e instanceof StartupException startup) {
        throw startup;
      }
      throw new StartupException("cannot start the collector: " + e.getMessage(), e);
    }
    spec.commandLine()
        .getErr()
        .println(
            "stallwatch: collecting as host "
                + hostLabel(machine, host)
                + " into "
                + bootstrap
                + " (state in "
                + state.toAbsolutePath()
                + ")");
    spec.commandLine().getErr().flush();
    ShutdownSignal.awaitThenClose(stack);
    return 0;
  }

  private void checkCaptureDir(Profile chosen) throws StartupException {
    if (chosen != Profile.GUEST) {
      throw new StartupException("--capture reads a WSL distro: run it inside the distro");
    }
    if (Files.exists(capture) && !Files.isDirectory(capture)) {
      throw new StartupException("--capture " + capture + " is a file, not a directory");
    }
    if (Files.isDirectory(capture)) {
      try (Stream<Path> entries = Files.list(capture)) {
        if (entries.findAny().isPresent()) {
          throw new StartupException(
              "--capture " + capture + " is not empty; name a new or empty directory");
        }
      } catch (IOException e) {
        throw new StartupException(
            "cannot read --capture " + capture + ": " + CommandErrors.describe(e), e);
      }
      return;
    }
    try {
      Files.createDirectories(capture);
    } catch (IOException e) {
      throw new StartupException(
          "cannot create --capture " + capture + ": " + CommandErrors.describe(e), e);
    }
  }

  private Profile profile() throws StartupException {
    try {
      return Profile.valueOf(profile.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new StartupException("--profile must be guest or windows, was '" + profile + "'");
    }
  }

  private CollectorConfig loadConfig() throws StartupException {
    return loadConfig(config);
  }

  /** The configuration in {@code config}, or the defaults when null. */
  static CollectorConfig loadConfig(Path config) throws StartupException {
    if (config == null) {
      return CollectorConfig.defaults();
    }
    try {
      return CollectorConfig.load(config);
    } catch (ConfigException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private Machine machine(Profile chosen, Path state) throws StartupException {
    if (windowsHome != null && !Files.isDirectory(windowsHome)) {
      throw new StartupException("--windows-home " + windowsHome + " is not a directory");
    }
    InputFiles.executable("--wsl-exe", wslExe);
    InputFiles.executable("--docker", docker);
    if (chosen == Profile.WINDOWS) {
      return Machine.discoverWindows(windowsHome, state).withCommands(wslExe, docker);
    }
    if (!Files.isDirectory(root)) {
      throw new StartupException("--root " + root + " is not a directory");
    }
    if (windowsHome == null && WindowsHome.candidates(root).size() > 1) {
      spec.commandLine()
          .getErr()
          .println(
              "stallwatch: several Windows homes "
                  + WindowsHome.candidates(root)
                  + "; Docker Desktop and .wslconfig are not read until --windows-home names one");
    }
    return Machine.discoverGuest(root, windowsHome, state).withCommands(wslExe, docker);
  }

  /** The manifest samples each source once and sends nothing. */
  private static final class NoSink implements EventSink {
    @Override
    public void emit(TelemetryEvent event) {
      throw new IllegalStateException("the manifest sends nothing");
    }

    @Override
    public void close() {}
  }

  /**
   * The host id and the machine's name as the collector will send it; a name it would not send (the
   * inventory source says why in the log) is left out here too.
   */
  static String hostLabel(Machine machine, String host) {
    try {
      return IncidentPrinter.host(host, MachineNames.of(machine).orElse(null));
    } catch (IOException e) {
      return host;
    }
  }

  /** A host id given on the command line, by the wire format's rule for it. */
  static String validHostId(String option, String id) throws StartupException {
    try {
      Envelope.requireHostId(id);
      return id;
    } catch (IllegalArgumentException e) {
      throw new StartupException(option + ": " + e.getMessage(), e);
    }
  }
}
