package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recorded events in, incidents out, with no Kafka: the offline twin of the topology. Events may
 * come from many hosts and out of order within the grace, exactly as on the topic.
 */
public final class Replay {

  private final Analysis analysis;
  private final Map<String, HostTimeline> timelines = new TreeMap<>();
  private final Map<String, Incident> latest = new LinkedHashMap<>();
  private final List<Alert> alerts = new ArrayList<>();

  public Replay(Analysis analysis) {
    this.analysis = analysis;
  }

  /** Feeds one recorded event; arrival is taken to be its own event time. */
  public void accept(TelemetryEvent event) {
    HostTimeline timeline = timelines.getOrDefault(event.host(), HostTimeline.empty(event.host()));
    keep(analysis.accept(timeline, event, event.ts()));
  }

  /**
   * Applies every event still held back.
   *
   * @return the latest version of every incident, oldest onset first
   */
  public List<Incident> finish() {
    for (HostTimeline timeline : List.copyOf(timelines.values())) {
      keep(analysis.flush(timeline));
    }
    return incidents();
  }

  /**
   * Applies every event still held back, then lets event time run on to {@code now}, when the
   * recording was taken: an incident that ends after a quiet period, or a state that opens one once
   * it lasted long enough, is judged as of then.
   *
   * @return the latest version of every incident, oldest onset first
   */
  public List<Incident> finish(Instant now) {
    for (HostTimeline timeline : List.copyOf(timelines.values())) {
      keep(analysis.advance(timeline, now));
    }
    return incidents();
  }

  private List<Incident> incidents() {
    return latest.values().stream()
        .sorted(
            Comparator.comparing(Incident::onset)
                .thenComparing(Incident::host)
                .thenComparing(Incident::id))
        .toList();
  }

  /** Every alert record so far, in the order they were made. */
  public List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  private void keep(Analysis.Result result) {
    timelines.put(result.timeline().host(), result.timeline());
    result.incidents().forEach(incident -> latest.put(incident.id(), incident));
    alerts.addAll(result.alerts());
  }
}
