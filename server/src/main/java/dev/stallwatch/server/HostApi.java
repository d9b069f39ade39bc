package dev.stallwatch.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Severity;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.SearchRequest;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.fleet.HostHistory;
import dev.stallwatch.server.fleet.Timeline;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/hosts/{id}?window=24h}: one host with its context, open incidents, known issues
 * and the timeline of the window: its {@link HostHistory} plus its incidents as spans.
 */
final class HostApi {

  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
  static final Duration MIN_WINDOW = Duration.ofMinutes(15);

  /** A host with more incidents than this in its list shows the newest. */
  static final int MAX_INCIDENTS = 200;

  private static final String WINDOW_RULE =
      "The window parameter must be a duration from 15m to 24h, such as 6h.";

  /** The answer. */
  record HostDetail(
      HostRow host,
      HostContext context,
      List<Incident> openIncidents,
      List<HostKnowledge.Issue> knownIssues,
      TimelineJson timeline) {}

  /** The timeline with the host's incidents as spans. */
  record TimelineJson(
      Instant from,
      Instant to,
      long stepSeconds,
      Map<String, List<Timeline.Point>> series,
      List<Timeline.Band> bands,
      List<Timeline.Marker> markers,
      List<Span> incidents) {}

  /** An incident on the timeline, from its onset to its resolution (null while open). */
  record Span(
      String id,
      String rule,
      String title,
      Instant from,
      @JsonInclude(JsonInclude.Include.ALWAYS) Instant to,
      Severity severity) {}

  private final FleetView fleet;
  private final IncidentIndex index;
  private final HostsApi rows;
  private final HostKnowledge knowledge;
  private final Clock clock;

  HostApi(
      FleetView fleet, IncidentIndex index, HostsApi rows, HostKnowledge knowledge, Clock clock) {
    this.fleet = fleet;
    this.index = index;
    this.rows = rows;
    this.knowledge = knowledge;
    this.clock = clock;
  }

  void host(Context ctx) {
    String id = ctx.pathParam("id");
    Duration window = window(ctx.queryParam("window"));
    ctx.json(detail(find(fleet, id), window));
  }

  HostDetail detail(HostState host, Duration window) {
    Instant to = clock.instant();
    Instant from = to.minus(window);
    List<Incident> incidents = incidents(index, host.host());
    List<Incident> open =
        incidents.stream().filter(i -> i.status() == Incident.Status.OPEN).toList();
    Timeline timeline = fleet.history(host.host()).orElseGet(HostHistory::new).timeline(from, to);
    List<Span> spans =
        incidents.stream()
            .filter(i -> i.onset().isBefore(to))
            .filter(i -> i.resolvedAt() == null || !i.resolvedAt().isBefore(from))
            .map(
                i -> new Span(i.id(), i.rule(), i.title(), i.onset(), i.resolvedAt(), i.severity()))
            .toList();
    return new HostDetail(
        rows.row(host),
        host.context(),
        open,
        knowledge.forHost(host, open),
        new TimelineJson(
            timeline.from(),
            timeline.to(),
            timeline.stepSeconds(),
            timeline.series(),
            timeline.bands(),
            timeline.markers(),
            spans));
  }

  static HostState find(FleetView fleet, String id) {
    return fleet
        .host(id)
        .orElseThrow(
            () ->
                new NotFoundResponse(
                    "No host has the id '%s'; /api/hosts lists the hosts known.".formatted(id)));
  }

  /** The host's newest incidents, open or not. */
  static List<Incident> incidents(IncidentIndex index, String host) {
    SearchRequest request =
        new SearchRequest(
            null, MAX_INCIDENTS, SearchRequest.Order.RECENT, host, null, null, null, false, 0);
    return index.search(request).hits().stream().map(hit -> hit.incident()).toList();
  }

  static Duration window(String raw) {
    if (raw == null) {
      return DEFAULT_WINDOW;
    }
    Duration window;
    try {
      window = SearchRequest.parseSince(raw.strip());
    } catch (QueryException e) {
      throw new BadRequestResponse(WINDOW_RULE);
    }
    if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(DEFAULT_WINDOW) > 0) {
      throw new BadRequestResponse(WINDOW_RULE);
    }
    return window;
  }
}
