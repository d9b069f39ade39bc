package dev.stallwatch.server.fleet;

import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.Locale;
import java.util.Optional;

/** The marker a telemetry event puts on a host's timeline, with one line of what it said. */
final class Markers {

  /** Longer texts are cut: a marker is a pointer into the evidence, not the evidence. */
  static final int MAX_TEXT = 200;

  private Markers() {}

  /** The event's marker; empty for events that are series, bands or not shown at all. */
  static Optional<Timeline.Marker> of(TelemetryEvent event) {
    String text =
        switch (event) {
          case Reclaim r -> reclaim(r);
          case HungTask h ->
              orElse(
                  h.line(),
                  "task %s:%d blocked for %d s".formatted(h.comm(), h.pid(), h.blockedSeconds()));
          case IoStall s ->
              "%s %s stalled for %d ms%s"
                  .formatted(lower(s.kind()), s.subject(), s.stalledMillis(), detail(s.detail()));
          case AptStall a ->
              "%s after %d s: %s"
                  .formatted(lower(a.phase()), a.stalledSeconds(), orElse(a.commandline(), "apt"));
          case Freeze f -> "collector frozen for %d s".formatted(f.duration().toSeconds());
          case DistroProbe p when p.status() != ProbeStatus.OK ->
              "distro %s %s%s".formatted(p.distro(), lower(p.status()), detail(p.detail()));
          case DockerCli d -> "%s %s%s".formatted(d.path(), lower(d.state()), detail(d.detail()));
          default -> null;
        };
    return text == null
        ? Optional.empty()
        : Optional.of(new Timeline.Marker(event.type(), event.ts(), shortened(text)));
  }

  private static String reclaim(Reclaim r) {
    if (r.line() != null && !r.line().isBlank()) {
      return r.line();
    }
    String amount = r.bytes() == null ? "" : " %d MiB".formatted(r.bytes() / (1024 * 1024));
    String failed = r.failed() ? " failed, errno " + r.errno() : "";
    return "reclaim%s%s (%s)".formatted(amount, failed, lower(r.inferredFrom()));
  }

  /** At most {@value #MAX_TEXT} characters of the text, marked when cut; null stays null. */
  static String shortened(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT - 1) + "…";
  }

  private static String orElse(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }

  private static String detail(String detail) {
    return detail == null || detail.isBlank() ? "" : ": " + detail;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
