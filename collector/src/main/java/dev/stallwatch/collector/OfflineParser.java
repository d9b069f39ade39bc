package dev.stallwatch.collector;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.Pressure;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each source emits for a lone file, for {@code stallwatch parse}: the same parsers and rules
 * as the live sources, with what a lone file cannot tell (host, boot time, zone, now) given.
 * Problems with single lines are reported and the good lines still count.
 */
public final class OfflineParser {

  /** The kinds of file {@code parse --source} takes. */
  public enum Kind {
    KMSG,
    DMESG,
    MEMINFO,
    PRESSURE,
    DISKSTATS,
    MOUNTS,
    CMDLINE,
    OSRELEASE,
    WSLCONFIG,
    WSL_VERSION,
    WSL_CONF,
    APT_TERM,
    APT_HISTORY,
    DOCKER_LOG,
    DOCKER_SETTINGS,
    DOCKER_VERSION;

    /** The name on the command line: lower case with dashes. */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Kind> fromCliName(String name) {
      return Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst();
    }
  }

  /**
   * What a lone file cannot tell.
   *
   * @param bootTime maps kernel timestamps (seconds since boot) to wall time
   * @param zone the machine's zone, for apt logs and {@code dmesg -T}
   * @param at the time of the sample: event time of snapshots, "now" for apt runs
   * @param config kernel rules, Resource Saver patterns, and the apt stall threshold: an open apt
   *     run older than it at {@code at} counts as stalled
   */
  public record Options(
      String host, Instant bootTime, ZoneId zone, Instant at, CollectorConfig config) {}

  private OfflineParser() {}

  /**
   * The events for one file.
   *
   * @param fileName used to tell the PSI resource (cpu, memory, io) from the file's name
   * @throws FormatException when the file as a whole is not of that kind
   */
  public static List<TelemetryEvent> parse(
      Kind kind, String fileName, byte[] content, Options options, Problems problems)
      throws FormatException {
    EnvelopeFactory envelopes = new EnvelopeFactory(options.host(), 0);
    String text =
        kind == Kind.WSL_VERSION
            ? WslVersionParser.decode(content)
            : new String(content, StandardCharsets.UTF_8);
    return switch (kind) {
      case KMSG -> kmsg(text, options, envelopes, problems);
      case DMESG -> dmesg(text, options, envelopes, problems);
      case MEMINFO ->
          List.of(
              MemInfoSource.toEvent(
                  envelopes, options.at(), MemInfoParser.parse(text), null, Map.of()));
      case PRESSURE ->
          List.of(
              PressureSource.toEvent(
                  envelopes,
                  options.at(),
                  resource(fileName),
                  PressureParser.parse(text, problems),
                  null));
      case DISKSTATS -> {
        DiskStatsParser.parse(text, problems);
        yield List.of();
      }
      case APT_TERM ->
          apt(AptLogParser.termLog(text, options.zone(), problems), options, envelopes);
      case APT_HISTORY ->
          apt(AptLogParser.historyLog(text, options.zone(), problems), options, envelopes);
      case DOCKER_LOG ->
          new DockerLogInterpreter(options.config().resourceSaver, options.config().engineRequests)
              .accept(List.of(text.split("\r?\n", -1)), envelopes, problems, 1);
      default -> List.of(inventory(kind, text, options, envelopes, problems));
    };
  }

  private static List<TelemetryEvent> kmsg(
      String text, Options options, EnvelopeFactory env, Problems problems) {
    KmsgInterpreter interpreter =
        new KmsgInterpreter(
            new BootClock(options.bootTime()), options.config().kernelRules, problems);
    List<TelemetryEvent> events = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      events.addAll(interpreter.accept(line, env));
    }
    events.addAll(interpreter.flush(env));
    return events;
  }

  private static List<TelemetryEvent> dmesg(
      String text, Options options, EnvelopeFactory env, Problems problems) {
    KernelLogMatcher matcher = new KernelLogMatcher(options.config().kernelRules);
    List<TelemetryEvent> events = new ArrayList<>();
    for (DmesgParser.Message m :
        DmesgParser.parse(text, options.bootTime(), options.zone(), problems)) {
      events.addAll(matcher.accept(m.text(), null, m.ts(), env));
    }
    events.addAll(matcher.flush(env));
    return events;
  }

  private static Pressure.Resource resource(String fileName) throws FormatException {
    String name = fileName.toLowerCase(Locale.ROOT);
    for (Pressure.Resource resource : Pressure.Resource.values()) {
      if (name.contains(resource.name().toLowerCase(Locale.ROOT))) {
        return resource;
      }
    }
    throw new FormatException(
        "cannot tell the PSI resource from the file name "
            + fileName
            + ": name it cpu, memory or io like /proc/pressure does");
  }

  /** An open run older than the threshold at {@code at} is a stall seen offline. */
  private static List<TelemetryEvent> apt(
      List<AptLogParser.Run> runs, Options options, EnvelopeFactory envelopes) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (AptLogParser.Run run : runs) {
      if (run.end() == null && run.start() != null) {
        Duration open = Duration.between(run.start(), options.at());
        if (open.compareTo(options.config().aptStallAfter) >= 0) {
          events.add(
              new AptStall(
                  envelopes.next(options.at()),
                  AptStall.Phase.STALLED,
                  run.commandline(),
                  run.start(),
                  open.toSeconds(),
                  run.lastLine()));
        }
      }
    }
    return events;
  }

  private static Inventory inventory(
      Kind kind, String text, Options options, EnvelopeFactory envelopes, Problems problems)
      throws FormatException {
    InventoryFacts facts =
        switch (kind) {
          case MOUNTS -> withLayout(SystemParsers.cgroupLayout(text, problems));
          case CMDLINE -> withCmdline(SystemParsers.cgroupV1Disabled(SystemParsers.cmdline(text)));
          case OSRELEASE -> withKernel(SystemParsers.kernelRelease(text));
          case WSLCONFIG -> withWslconfig(IniParser.parse(text, problems));
          case WSL_CONF -> withSystemd(IniParser.parse(text, problems).get("boot.systemd"));
          case WSL_VERSION -> withWslVersion(WslVersionParser.parse(text));
          case DOCKER_SETTINGS -> withDocker(DockerDesktopParsers.settings(text));
          // Without Docker Desktop the inventory has no version, as the live collector's.
          case DOCKER_VERSION ->
              withDockerVersion(DockerDesktopParsers.dockerVersion(text).desktopVersion());
          default -> throw new IllegalArgumentException("not an inventory kind: " + kind);
        };
    return facts.toEvent(envelopes.next(options.at()));
  }

  private static InventoryFacts withLayout(CgroupLayout layout) {
    return new InventoryFacts(
        null, null, null, null, null, layout, null, null, null, Map.of(), null, null, null, null);
  }

  private static InventoryFacts withCmdline(boolean disabled) {
    return new InventoryFacts(
        null, null, null, null, null, null, disabled, null, null, Map.of(), null, null, null, null);
  }

  private static InventoryFacts withKernel(String release) {
    return new InventoryFacts(
        null, release, null, null, null, null, null, null, null, Map.of(), null, null, null, null);
  }

  private static InventoryFacts withWslconfig(Map<String, String> keys) {
    String reclaim = keys.get("experimental.automemoryreclaim");
    Boolean recognized = InventoryFacts.reclaimRecognized(reclaim);
    return new InventoryFacts(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        reclaim,
        keys,
        null,
        null,
        null,
        recognized);
  }

  private static InventoryFacts withSystemd(String systemd) {
    Boolean on = InventoryFacts.systemdSetting(systemd);
    return new InventoryFacts(
        null, null, null, null, on, null, null, null, null, Map.of(), null, null, null, null);
  }

  private static InventoryFacts withWslVersion(WslVersionParser.WslVersion v) {
    return new InventoryFacts(
        v.wsl(),
        v.kernel(),
        v.windows(),
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        null,
        null,
        null,
        null);
  }

  private static InventoryFacts withDocker(DockerDesktopParsers.Settings s) {
    return new InventoryFacts(
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        null,
        s.useResourceSaver(),
        s.autoPauseTimeoutSeconds(),
        null);
  }

  private static InventoryFacts withDockerVersion(String version) {
    return new InventoryFacts(
        null, null, null, null, null, null, null, null, null, Map.of(), version, null, null, null);
  }
}
