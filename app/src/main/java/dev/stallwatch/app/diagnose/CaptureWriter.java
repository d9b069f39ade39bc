package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.BootClock;
import dev.stallwatch.collector.Machine;
import dev.stallwatch.collector.OfflineParser.Kind;
import dev.stallwatch.collector.SpoolingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a capture of a machine for {@code stallwatch diagnose}, or for someone else to read: the
 * files the collector reads, at the same paths (see {@link CaptureLayout}), and what it cannot read
 * from files. Something the machine does not have is left out and said why; a capture with parts
 * missing is still a capture.
 */
public final class CaptureWriter {

  private static final Duration KMSG_QUIET = Duration.ofMillis(500);
  private static final Duration KMSG_LIMIT = Duration.ofSeconds(5);

  private final Machine machine;
  private final String host;
  private final Clock clock;

  /**
   * @param machine where to read: its root, Windows home, executables and state directory
   * @param host the host id the capture is of
   */
  public CaptureWriter(Machine machine, String host, Clock clock) {
    this.machine = machine;
    this.host = host;
    this.clock = clock;
  }

  /**
   * Writes the capture into {@code dir}, which the caller made sure is new or empty.
   *
   * @return what was written and what was left out, in the order it was done
   * @throws IOException when the capture itself cannot be written
   */
  public List<CaptureItem> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    CaptureOutput out = new CaptureOutput(dir);
    List<CaptureItem> items = new ArrayList<>();
    items.add(captureJson(out));
    for (CaptureLayout.FileKind guest : CaptureLayout.GUEST_FILES) {
      items.add(guestFile(out, guest));
    }
    items.addAll(markers(out));
    items.add(kernelLog(out));
    items.addAll(
        new WindowsCapture(machine.windowsHome(), machine.wslExe(), machine.dockerExe())
            .write(out));
    items.add(recordedEvents(out));
    return items;
  }

  private CaptureItem captureJson(CaptureOutput out) throws IOException {
    Instant bootTime = null;
    String note = null;
    try {
      bootTime = BootClock.read(machine.root()).bootTime();
    } catch (IOException e) {
      note = "without bootTime (" + e.getMessage() + "): kernel times cannot be dated";
    }
    CaptureInfo info =
        new CaptureInfo(host, bootTime, zoneOf(machine.root()), machine.distro(), clock.instant());
    return out.write(
        CaptureLayout.CAPTURE_JSON, info.toJson().getBytes(StandardCharsets.UTF_8), note);
  }

  private CaptureItem guestFile(CaptureOutput out, CaptureLayout.FileKind guest)
      throws IOException {
    Path file = machine.root().resolve(guest.path());
    boolean log = guest.kind() == Kind.APT_TERM || guest.kind() == Kind.APT_HISTORY;
    Optional<byte[]> content;
    try {
      content = log ? CaptureOutput.tail(file) : CaptureOutput.small(file);
    } catch (IOException e) {
      return CaptureItem.skipped(guest.path(), "cannot read " + file + ": " + describe(e));
    }
    if (content.isEmpty()) {
      return CaptureItem.skipped(guest.path(), "not on this machine");
    }
    return out.write(guest.path(), content.get(), null);
  }

  /**
   * memory.reclaim is write-only and systemd's run directory holds sockets: only their presence
   * counts, so the capture holds an empty file and an empty directory.
   */
  private List<CaptureItem> markers(CaptureOutput out) throws IOException {
    String reclaim = CaptureLayout.MEMORY_RECLAIM;
    String systemd = CaptureLayout.SYSTEMD_RUNNING;
    return List.of(
        Files.exists(machine.root().resolve(reclaim))
            ? out.write(reclaim, new byte[0], "empty: only its presence counts")
            : CaptureItem.skipped(reclaim, "not on this machine: gradual reclaim cannot work"),
        Files.isDirectory(machine.root().resolve(systemd))
            ? out.directory(systemd, "empty: systemd runs")
            : CaptureItem.skipped(systemd, "not on this machine: systemd does not run"));
  }

  private CaptureItem kernelLog(CaptureOutput out) throws IOException {
    Path kmsg = machine.root().resolve("dev/kmsg");
    if (!Files.exists(kmsg)) {
      return CaptureItem.skipped(CaptureLayout.DMESG, "no " + kmsg);
    }
    byte[] records;
    try {
      records = KmsgSnapshot.read(kmsg, KMSG_QUIET, KMSG_LIMIT);
    } catch (AccessDeniedException e) {
      return CaptureItem.skipped(
          CaptureLayout.DMESG,
          "cannot read "
              + kmsg
              + ": permission denied (run as root, or allow it with sysctl"
              + " kernel.dmesg_restrict=0)");
    } catch (IOException e) {
      return CaptureItem.skipped(CaptureLayout.DMESG, "cannot read " + kmsg + ": " + describe(e));
    }
    return out.write(CaptureLayout.DMESG, records, "the kernel log buffer, raw /dev/kmsg records");
  }

  private CaptureItem recordedEvents(CaptureOutput out) throws IOException {
    Path state = machine.stateDir();
    if (state == null) {
      return CaptureItem.skipped(CaptureLayout.EVENTS, "no collector state directory");
    }
    List<String> events;
    try {
      events = SpoolingSink.spooledEvents(state);
    } catch (IOException e) {
      return CaptureItem.skipped(
          CaptureLayout.EVENTS, "cannot read the spool in " + state + ": " + describe(e));
    }
    if (events.isEmpty()) {
      return CaptureItem.skipped(
          CaptureLayout.EVENTS, "no events in a collector spool under " + state);
    }
    String lines = String.join("\n", events) + "\n";
    return out.write(
        CaptureLayout.EVENTS,
        lines.getBytes(StandardCharsets.UTF_8),
        events.size() + " event(s) from the collector's spool in " + state);
  }

  /**
   * The machine's zone, for apt logs and {@code dmesg -T}: this JVM's on the live machine; under
   * another root its {@code etc/timezone} or the zone {@code etc/localtime} links to; else UTC.
   */
  static ZoneId zoneOf(Path root) {
    if (root.toAbsolutePath().normalize().equals(Path.of("/").toAbsolutePath())) {
      return ZoneId.systemDefault();
    }
    try {
      Optional<byte[]> named = CaptureOutput.small(root.resolve("etc/timezone"));
      if (named.isPresent()) {
        return ZoneId.of(new String(named.get(), StandardCharsets.UTF_8).strip());
      }
      Path localtime = root.resolve("etc/localtime");
      if (Files.isSymbolicLink(localtime)) {
        String target = Files.readSymbolicLink(localtime).toString();
        int at = target.indexOf("zoneinfo/");
        if (at >= 0) {
          return ZoneId.of(target.substring(at + "zoneinfo/".length()));
        }
      }
    } catch (IOException | DateTimeException e) {
      // A zone the root does not name clearly is not worth failing the capture for.
      return ZoneOffset.UTC;
    }
    return ZoneOffset.UTC;
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
