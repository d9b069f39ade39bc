package dev.stallwatch.app.diagnose;

import dev.stallwatch.app.diagnose.CaptureEvents.Sourced;
import dev.stallwatch.collector.BootClock;
import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.MachineNames;
import dev.stallwatch.collector.OfflineParser;
import dev.stallwatch.collector.SourceAbsentException;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.Replay;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Diagnoses a capture of one machine: reads every file the capture has with the collector's
 * parsers, merges what they say about the machine into one inventory, and runs all events in
 * event-time order through the same correlation as the analyzer. No Kafka.
 */
public final class Diagnoser {

  private final Path dir;
  private final RuleBook rules;
  private final CollectorConfig config;

  /**
   * @param dir the capture directory (see docs/diagnose.md for its layout)
   * @param config the collector configuration whose kernel rules, Resource Saver patterns and apt
   *     threshold read the files
   */
  public Diagnoser(Path dir, RuleBook rules, CollectorConfig config) {
    this.dir = dir;
    this.rules = rules;
    this.config = config;
  }

  public Diagnosis diagnose() {
    CaptureFiles files = new CaptureFiles(dir);
    Findings findings = new Findings();
    CaptureInfo info = info(files, findings);
    CaptureEvents parsers = new CaptureEvents(files, findings, config);
    List<Sourced> recorded = parsers.recorded();
    String host = host(info, recorded);
    Instant bootTime = info.bootTime() != null ? info.bootTime() : btime(findings);
    ZoneId zone = info.timezone() != null ? info.timezone() : ZoneOffset.UTC;
    List<Sourced> fromFiles = new ArrayList<>(parsers.kernelLog(host, bootTime, zone));
    fromFiles.addAll(parsers.dockerLogs(host, zone));
    Instant at = sampleTime(info, bootTime, fromFiles, recorded);
    OfflineParser.Options options =
        new OfflineParser.Options(
            host, bootTime == null ? Instant.EPOCH : bootTime, zone, at, config);
    fromFiles.addAll(parsers.snapshots(options));
    Optional<Inventory> inventory =
        InventoryMerge.merge(
            parsers.inventoryPieces(options),
            new InventoryMerge.LayoutFacts(
                files.isDirectory("sys/fs/cgroup")
                    ? files.isFile(CaptureLayout.MEMORY_RECLAIM)
                    : null,
                files.isDirectory(CaptureLayout.SYSTEMD_RUNNING),
                info.distro(),
                hostName(files, findings)),
            Envelope.of(host, at, 0));
    Replay replay = new Replay(new Analysis(rules, AnalysisSettings.DEFAULTS));
    for (TelemetryEvent event : Timeline.of(host, inventory, fromFiles, recorded, at)) {
      replay.accept(event);
    }
    // With the time the capture was taken, what ends after a quiet period is judged as of then.
    List<Incident> incidents =
        info.capturedAt() == null ? replay.finish() : replay.finish(info.capturedAt());
    String hostName =
        inventory.map(Inventory::hostName).or(() -> recordedHostName(recorded)).orElse(null);
    return new Diagnosis(
        host, hostName, incidents, findings.read(), findings.problems(), findings.notices());
  }

  /** The distro's hostname in the capture, as the collector reads it under its root. */
  private static String hostName(CaptureFiles files, Findings findings) {
    String file = MachineNames.HOSTNAME_FILE;
    try {
      Optional<byte[]> content = files.read(file);
      if (content.isEmpty()) {
        return null;
      }
      findings.read(file);
      return MachineNames.parse(new String(content.get(), StandardCharsets.UTF_8)).orElse(null);
    } catch (IOException e) {
      findings.problem(file, 0, e.getMessage());
      return null;
    }
  }

  private static Optional<String> recordedHostName(List<Sourced> recorded) {
    return recorded.stream()
        .map(Sourced::event)
        .filter(Inventory.class::isInstance)
        .map(event -> ((Inventory) event).hostName())
        .filter(Objects::nonNull)
        .reduce((first, newer) -> newer);
  }

  private static CaptureInfo info(CaptureFiles files, Findings findings) {
    try {
      Optional<byte[]> json = files.read(CaptureLayout.CAPTURE_JSON);
      if (json.isEmpty()) {
        return CaptureInfo.UNKNOWN;
      }
      findings.read(CaptureLayout.CAPTURE_JSON);
      return CaptureInfo.parse(json.get(), findings);
    } catch (IOException e) {
      findings.problem(CaptureLayout.CAPTURE_JSON, 0, "cannot be read: " + e.getMessage());
      return CaptureInfo.UNKNOWN;
    }
  }

  /**
   * The host of capture.json, else of the recorded events, else the directory's name. A capture is
   * of one machine, so every event is taken to be of this host.
   */
  private String host(CaptureInfo info, List<Sourced> recorded) {
    if (info.host() != null && !info.host().isBlank()) {
      return info.host();
    }
    if (!recorded.isEmpty()) {
      return recorded.getFirst().event().host();
    }
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? "capture" : name.toString();
  }

  /** The boot time from a captured {@code proc/stat}, for captures made by hand. */
  private Instant btime(Findings findings) {
    try {
      Instant boot = BootClock.read(dir).bootTime();
      findings.read("proc/stat");
      return boot;
    } catch (SourceAbsentException e) {
      return null;
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      String prefix = dir.resolve("proc/stat") + ": ";
      findings.problem(
          "proc/stat",
          0,
          message.startsWith(prefix) ? message.substring(prefix.length()) : message);
      return null;
    }
  }

  /**
   * When the /proc snapshots were taken and apt's open runs judged: the capture's own time, else
   * the newest event, else the boot time; never the clock, so a capture always reads the same.
   */
  private static Instant sampleTime(
      CaptureInfo info, Instant bootTime, List<Sourced> fromFiles, List<Sourced> recorded) {
    if (info.capturedAt() != null) {
      return info.capturedAt();
    }
    return Stream.concat(fromFiles.stream(), recorded.stream())
        .map(s -> s.event().ts())
        .max(Comparator.naturalOrder())
        .orElse(bootTime != null ? bootTime : Instant.EPOCH);
  }
}
