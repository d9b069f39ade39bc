package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.CollectorConfig;
import dev.stallwatch.collector.FormatException;
import dev.stallwatch.collector.OfflineParser;
import dev.stallwatch.collector.OfflineParser.Kind;
import dev.stallwatch.model.MalformedRecordException;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.LenientEvents;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns the files of a capture into events with the collector's own parsers and rules. A file that
 * is not there gives nothing; one that cannot be read, and each bad line, is reported to the
 * findings and costs only itself.
 */
final class CaptureEvents {

  /**
   * An event and where it came from.
   *
   * @param file the capture path it was read from
   * @param index its position among the events of that file
   */
  record Sourced(String file, int index, TelemetryEvent event) {}

  private final CaptureFiles files;
  private final Findings findings;
  private final CollectorConfig config;

  CaptureEvents(CaptureFiles files, Findings findings, CollectorConfig config) {
    this.files = files;
    this.findings = findings;
    this.config = config;
  }

  /**
   * The events recorded in {@code events.jsonl}, one event a line: the wire format, or one a person
   * or another tool wrote without the envelope a collector stamps (read leniently and said once).
   */
  List<Sourced> recorded() {
    String file = CaptureLayout.EVENTS;
    Optional<byte[]> content = content(file);
    if (content.isEmpty()) {
      return List.of();
    }
    List<Sourced> events = new ArrayList<>();
    LenientEvents.Tally tally = new LenientEvents.Tally();
    String[] lines = new String(content.get(), StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        LenientEvents.Read read = TelemetryCodec.fromJsonLenient(lines[i]);
        tally.add(read);
        events.add(new Sourced(file, events.size(), read.event()));
      } catch (MalformedRecordException e) {
        findings.problem(file, i + 1, e.getMessage());
      }
    }
    tally.notice().ifPresent(text -> findings.notice(file, text));
    return events;
  }

  /**
   * The kernel log in {@code dmesg.txt}, whichever of its three forms it is in.
   *
   * @param bootTime null when the capture does not say; then only {@code dmesg -T} can be dated
   */
  List<Sourced> kernelLog(String host, Instant bootTime, ZoneId zone) {
    String file = CaptureLayout.DMESG;
    Optional<byte[]> content = content(file);
    if (content.isEmpty()) {
      return List.of();
    }
    KernelLogForm form = KernelLogForm.of(new String(content.get(), StandardCharsets.UTF_8));
    if (bootTime == null && form != KernelLogForm.DMESG_DATES) {
      findings.problem(
          file,
          0,
          "its times count from boot, and the capture does not say when the machine booted"
              + " (bootTime in capture.json, or btime in proc/stat); not read");
      return List.of();
    }
    // Kernel lines carry their own times: the time of a sample is not used for them.
    OfflineParser.Options options =
        new OfflineParser.Options(
            host, bootTime == null ? Instant.EPOCH : bootTime, zone, Instant.EPOCH, config);
    return parse(file, content.get(), form.kind(), options);
  }

  /**
   * Resource Saver transitions in Docker Desktop's host logs, read in the order they were written.
   * Like the collector, only a line that changes the state counts, across rotated copies too.
   */
  List<Sourced> dockerLogs(String host, ZoneId zone) {
    List<String> logs;
    try {
      logs = files.dockerLogs();
    } catch (IOException e) {
      findings.problem(
          CaptureLayout.windows(CaptureLayout.DOCKER_LOG_DIR), 0, "cannot be listed: " + e);
      return List.of();
    }
    OfflineParser.Options options =
        new OfflineParser.Options(host, Instant.EPOCH, zone, Instant.EPOCH, config);
    List<Sourced> all = new ArrayList<>();
    for (String log : logs) {
      content(log).ifPresent(bytes -> all.addAll(parse(log, bytes, Kind.DOCKER_LOG, options)));
    }
    all.sort(Comparator.comparing(s -> s.event().ts()));
    List<Sourced> changes = new ArrayList<>();
    ResourceSaver.State state = null;
    for (Sourced sourced : all) {
      if (sourced.event() instanceof ResourceSaver saver && saver.state() != state) {
        state = saver.state();
        changes.add(sourced);
      }
    }
    return changes;
  }

  /** The /proc snapshots and apt's logs, as of {@code options.at()}. */
  List<Sourced> snapshots(OfflineParser.Options options) {
    List<Sourced> events = new ArrayList<>();
    List<Sourced> term = new ArrayList<>();
    List<Sourced> history = new ArrayList<>();
    for (CaptureLayout.FileKind guest : CaptureLayout.GUEST_FILES) {
      if (guest.kind() != null && !isInventory(guest.kind())) {
        List<Sourced> parsed =
            content(guest.path())
                .map(bytes -> parse(guest.path(), bytes, guest.kind(), options))
                .orElse(List.of());
        switch (guest.kind()) {
          case APT_TERM -> term.addAll(parsed);
          case APT_HISTORY -> history.addAll(parsed);
          default -> events.addAll(parsed);
        }
      }
    }
    events.addAll(AptStalls.merge(term, history));
    return events;
  }

  /** The pieces of the machine's inventory, one per file that tells some of it. */
  List<Inventory> inventoryPieces(OfflineParser.Options options) {
    List<CaptureLayout.FileKind> sources = new ArrayList<>();
    CaptureLayout.GUEST_FILES.stream()
        .filter(guest -> guest.kind() != null && isInventory(guest.kind()))
        .forEach(sources::add);
    sources.add(new CaptureLayout.FileKind(CaptureLayout.WSLCONFIG, Kind.WSLCONFIG));
    sources.add(new CaptureLayout.FileKind(CaptureLayout.WSL_VERSION, Kind.WSL_VERSION));
    dockerSettings()
        .ifPresent(path -> sources.add(new CaptureLayout.FileKind(path, Kind.DOCKER_SETTINGS)));
    sources.add(new CaptureLayout.FileKind(CaptureLayout.DOCKER_VERSION, Kind.DOCKER_VERSION));
    List<Inventory> pieces = new ArrayList<>();
    for (CaptureLayout.FileKind source : sources) {
      content(source.path())
          .ifPresent(
              bytes ->
                  parse(source.path(), bytes, source.kind(), options).stream()
                      .map(Sourced::event)
                      .filter(Inventory.class::isInstance)
                      .map(Inventory.class::cast)
                      .forEach(pieces::add));
    }
    return pieces;
  }

  private Optional<String> dockerSettings() {
    return CaptureLayout.DOCKER_SETTINGS.stream()
        .map(CaptureLayout::windows)
        .filter(files::isFile)
        .findFirst();
  }

  private static boolean isInventory(Kind kind) {
    return switch (kind) {
      case MOUNTS,
          CMDLINE,
          OSRELEASE,
          WSLCONFIG,
          WSL_VERSION,
          WSL_CONF,
          DOCKER_SETTINGS,
          DOCKER_VERSION ->
          true;
      default -> false;
    };
  }

  /** The file's text as UTF-8, noted as read; empty when absent or unreadable (then reported). */
  private Optional<byte[]> content(String file) {
    try {
      Optional<byte[]> content = files.read(file);
      content.ifPresent(bytes -> findings.read(file));
      return content.map(CaptureFiles::utf8);
    } catch (IOException e) {
      findings.problem(file, 0, "cannot be read: " + describe(e));
      return Optional.empty();
    }
  }

  private List<Sourced> parse(
      String file, byte[] content, Kind kind, OfflineParser.Options options) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    List<TelemetryEvent> events;
    try {
      events = OfflineParser.parse(kind, name, content, options, findings.of(file));
    } catch (FormatException e) {
      findings.problem(file, 0, e.getMessage());
      return List.of();
    } catch (RuntimeException e) {
      // A parser failing on input nobody foresaw must cost this file only, and say which.
      findings.problem(file, 0, "cannot be parsed as " + kind.cliName() + ": " + e);
      return List.of();
    }
    List<Sourced> sourced = new ArrayList<>(events.size());
    for (TelemetryEvent event : events) {
      sourced.add(new Sourced(file, sourced.size(), event));
    }
    return sourced;
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
