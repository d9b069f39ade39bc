package dev.stallwatch.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.model.HostState;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.SearchRequest;
import dev.stallwatch.search.SearchResult;
import dev.stallwatch.server.fleet.FleetView;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/overview}: the fleet in figures (hosts reporting, silent, hanging, in Resource
 * Saver, at risk), the incidents of the last day and week, and the rules that explained the most
 * incidents in 7 days.
 */
final class OverviewApi {

  static final int TOP_CAUSES = 5;

  /** The median is taken over the newest this many resolved incidents of the week. */
  static final int RESOLVED_SAMPLE = ApiParams.MAX_LIMIT;

  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration WEEK = Duration.ofDays(7);

  record Overview(Instant generatedAt, Hosts hosts, Incidents incidents, List<Cause> topCauses) {}

  record Hosts(
      int known, int reporting, int silent, int hangingNow, int resourceSaverNow, int atRisk) {}

  /**
   * @param medianTimeToResolve7dSeconds from opening to resolution, over incidents opened in the
   *     last 7 days and resolved; null when there are none
   */
  record Incidents(
      long open,
      long last24h,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long medianTimeToResolve7dSeconds) {}

  /** A rule, the title of its newest incident, and its incidents opened in 7 days. */
  record Cause(String rule, String title, long count7d) {}

  private final FleetView fleet;
  private final IncidentIndex index;
  private final Clock clock;

  OverviewApi(FleetView fleet, IncidentIndex index, Clock clock) {
    this.fleet = fleet;
    this.index = index;
    this.clock = clock;
  }

  void overview(Context ctx) {
    ctx.json(new Overview(clock.instant(), hosts(fleet.hosts()), incidents(), topCauses()));
  }

  static Hosts hosts(List<HostState> all) {
    int silent = 0;
    int hanging = 0;
    int resourceSaver = 0;
    int atRisk = 0;
    for (HostState host : all) {
      String state = HostRow.stateOf(host);
      silent += state.equals(HostRow.SILENT) ? 1 : 0;
      hanging += state.equals(HostRow.HANGING) ? 1 : 0;
      resourceSaver += !host.silent() && host.resourceSaverActive() ? 1 : 0;
      atRisk += host.atRisk() ? 1 : 0;
    }
    return new Hosts(all.size(), all.size() - silent, silent, hanging, resourceSaver, atRisk);
  }

  private Incidents incidents() {
    long open = search(null, "open", null, 1, false).total();
    long lastDay = search(null, null, DAY, 1, false).total();
    List<Long> seconds =
        search(null, "resolved", WEEK, RESOLVED_SAMPLE, false).hits().stream()
            .map(SearchResult.Hit::incident)
            .filter(i -> i.resolvedAt() != null)
            .map(i -> Duration.between(i.openedAt(), i.resolvedAt()).toSeconds())
            .map(s -> Math.max(0, s))
            .sorted()
            .toList();
    Long median = seconds.isEmpty() ? null : median(seconds);
    return new Incidents(open, lastDay, median);
  }

  private static long median(List<Long> sorted) {
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private List<Cause> topCauses() {
    List<SearchResult.FacetValue> rules =
        search(null, null, WEEK, 1, true).facets().getOrDefault("rule", List.of());
    return rules.stream()
        .limit(TOP_CAUSES)
        .map(
            rule -> {
              List<SearchResult.Hit> newest = search(rule.value(), null, WEEK, 1, false).hits();
              String title = newest.isEmpty() ? rule.value() : newest.getFirst().incident().title();
              return new Cause(rule.value(), title, rule.count());
            })
        .toList();
  }

  private SearchResult search(
      String rule, String status, Duration since, int limit, boolean facets) {
    return index.search(
        new SearchRequest(
            null, limit, SearchRequest.Order.RECENT, null, rule, status, since, facets, 0));
  }
}
