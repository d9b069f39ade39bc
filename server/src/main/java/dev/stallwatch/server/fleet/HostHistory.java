package dev.stallwatch.server.fleet;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.Pressure;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One host's recent telemetry, compact and bounded whatever the host sends: memory and PSI io
 * downsampled into a {@link SampleRing} of 24 hours, at most {@value #MAX_BANDS} ended bands
 * (Resource Saver, engine not answering) plus the ones still open, and the newest {@value
 * #MAX_MARKERS} markers (reclaim, hung task, stalls, freezes, failed probes, the docker command
 * vanishing). Events are read from {@code stallwatch.telemetry}; the feed writes, request threads
 * read, each under this object's lock.
 */
public final class HostHistory {

  static final int MAX_BANDS = 64;
  static final int MAX_MARKERS = 64;

  /** What the series hold at most, and so the longest window a timeline covers. */
  public static final long SPAN_MILLIS = SampleRing.STEP_MILLIS * SampleRing.BUCKETS;

  /** A lasting state a band shows. */
  enum BandKind {
    RESOURCE_SAVER("resource-saver"),
    ENGINE_DOWN("engine-down");

    final String wireName;

    BandKind(String wireName) {
      this.wireName = wireName;
    }
  }

  /** A band as kept: its start is null when it ended before anything else was seen of it. */
  private record Span(BandKind kind, Instant from, Instant to, String label) {}

  private final SampleRing samples = new SampleRing();
  private final ArrayDeque<Span> ended = new ArrayDeque<>();
  private final Map<BandKind, Span> open = new EnumMap<>(BandKind.class);
  private final Set<BandKind> seen = EnumSet.noneOf(BandKind.class);
  private final ArrayDeque<Timeline.Marker> markers = new ArrayDeque<>();

  /** Adds what the event shows; an event of a type the picture does not use is ignored. */
  public synchronized void record(TelemetryEvent event) {
    long at = event.ts().toEpochMilli();
    switch (event) {
      case Memory m -> samples.memory(at, m.memAvailableKb(), m.cachedKb());
      case Pressure p when p.resource() == Pressure.Resource.IO ->
          samples.ioPressure(at, p.some().avg10());
      case ResourceSaver rs -> resourceSaver(rs);
      case EngineProbe probe -> engine(probe);
      default -> Markers.of(event).ifPresent(this::mark);
    }
  }

  private void resourceSaver(ResourceSaver event) {
    if (event.state() == ResourceSaver.State.ENTERED) {
      begin(BandKind.RESOURCE_SAVER, event.ts(), Markers.shortened(event.evidence()));
    } else {
      end(BandKind.RESOURCE_SAVER, event.ts(), true);
    }
  }

  private void engine(EngineProbe probe) {
    boolean down = probe.status() == ProbeStatus.TIMEOUT || probe.status() == ProbeStatus.FAILED;
    if (down) {
      String label = "engine /_ping " + probe.status().name().toLowerCase(Locale.ROOT);
      if (probe.detail() != null && !probe.detail().isBlank()) {
        label += ": " + probe.detail();
      }
      begin(BandKind.ENGINE_DOWN, probe.ts(), Markers.shortened(label));
    } else {
      // A probe that answers is the engine's normal state, not the end of anything by itself.
      end(BandKind.ENGINE_DOWN, probe.ts(), false);
    }
  }

  /** Opens a band; while one of its kind is open, the earlier start stands. */
  private void begin(BandKind kind, Instant at, String label) {
    seen.add(kind);
    open.putIfAbsent(kind, new Span(kind, at, null, label));
  }

  /**
   * Ends the open band of the kind. An end with no start, as the first news of its kind, began
   * before the history did when {@code beganBefore}; after that it is a repeat (the collector can
   * see one exit through its log and its probe alike) and changes nothing.
   */
  private void end(BandKind kind, Instant at, boolean beganBefore) {
    Span started = open.remove(kind);
    if (started == null && (seen.contains(kind) || !beganBefore)) {
      return;
    }
    seen.add(kind);
    Span span =
        started == null
            ? new Span(kind, null, at, null)
            : new Span(
                kind,
                started.from(),
                at.isBefore(started.from()) ? started.from() : at,
                started.label());
    ended.addLast(span);
    while (ended.size() > MAX_BANDS) {
      ended.removeFirst();
    }
  }

  private void mark(Timeline.Marker marker) {
    markers.addLast(marker);
    while (markers.size() > MAX_MARKERS) {
      markers.removeFirst();
    }
  }

  /** Whether a band of the kind is open now. */
  synchronized boolean isOpen(BandKind kind) {
    return open.containsKey(kind);
  }

  /** The history from {@code from} to {@code to}, one point per step of the series. */
  public synchronized Timeline timeline(Instant from, Instant to) {
    long firstStep = SampleRing.stepOf(from.toEpochMilli());
    long lastStep = SampleRing.stepOf(to.toEpochMilli());
    int count = (int) Math.max(0, lastStep - firstStep + 1);
    List<Timeline.Point> available = new ArrayList<>(count);
    List<Timeline.Point> cache = new ArrayList<>(count);
    List<Timeline.Point> psi = new ArrayList<>(count);
    for (long step = firstStep; step <= lastStep; step++) {
      long at = step * SampleRing.STEP_MILLIS;
      available.add(new Timeline.Point(at, samples.memAvailableBytes(step)));
      cache.add(new Timeline.Point(at, samples.pageCacheBytes(step)));
      psi.add(new Timeline.Point(at, samples.psiIoAvg10(step)));
    }
    Map<String, List<Timeline.Point>> series =
        Map.of("memAvailableBytes", available, "pageCacheBytes", cache, "psiIoAvg10", psi);
    return new Timeline(
        from, to, SampleRing.STEP_MILLIS / 1000, series, bands(from, to), markers(from, to));
  }

  private List<Timeline.Band> bands(Instant from, Instant to) {
    List<Span> all = new ArrayList<>(ended);
    all.addAll(open.values());
    List<Timeline.Band> out = new ArrayList<>();
    for (Span span : all) {
      boolean startsInTime = span.from() == null || !span.from().isAfter(to);
      boolean endsInTime = span.to() == null || !span.to().isBefore(from);
      if (startsInTime && endsInTime) {
        Instant start = span.from() == null || span.from().isBefore(from) ? from : span.from();
        out.add(new Timeline.Band(span.kind().wireName, start, span.to(), label(span)));
      }
    }
    out.sort(Comparator.comparing(Timeline.Band::from));
    return out;
  }

  /** What showed the band, or what is known of it when the host said nothing more. */
  private static String label(Span span) {
    if (span.label() != null && !span.label().isBlank()) {
      return span.label();
    }
    boolean resourceSaver = span.kind() == BandKind.RESOURCE_SAVER;
    if (span.from() == null) {
      return resourceSaver
          ? "Resource Saver, entered before the history starts"
          : "engine not answering since before the history starts";
    }
    return resourceSaver ? "Resource Saver" : "engine not answering";
  }

  private List<Timeline.Marker> markers(Instant from, Instant to) {
    return markers.stream()
        .filter(m -> !m.at().isBefore(from) && !m.at().isAfter(to))
        .sorted(Comparator.comparing(Timeline.Marker::at))
        .toList();
  }
}
