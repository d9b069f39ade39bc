package dev.stallwatch.server;

import dev.stallwatch.model.HostState;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/hosts}: the fleet's hosts from a {@link FleetView}, filtered by state, risk and a
 * piece of their id or name, sorted, a page at a time with a {@code Link} header to the next one.
 */
final class HostsApi {

  static final int DEFAULT_LIMIT = 100;

  private static final Comparator<HostRow> BY_HOST = Comparator.comparing(HostRow::host);
  private static final Map<String, Comparator<HostRow>> SORTS =
      Map.of(
          "host", BY_HOST,
          "lastSeen", newestFirst(HostRow::lastSeen),
          "hangs7d", Comparator.comparingInt(HostRow::hangs7d).reversed().thenComparing(BY_HOST),
          "lastHangAt", newestFirst(HostRow::lastHangAt));

  private final FleetView fleet;
  private final RuleBook rules;

  HostsApi(FleetView fleet, RuleBook rules) {
    this.fleet = fleet;
    this.rules = rules;
  }

  void list(Context ctx) {
    Predicate<HostRow> filter = filter(ctx);
    Comparator<HostRow> order = sort(ctx.queryParam("sort"));
    int offset = ApiParams.offset(ctx);
    int limit = ApiParams.limit(ctx, DEFAULT_LIMIT);
    List<HostRow> matching = rows().stream().filter(filter).sorted(order).toList();
    List<HostRow> page =
        matching.subList(
            Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
    int next = offset + page.size();
    if (!page.isEmpty() && next < matching.size() && next <= ApiParams.MAX_OFFSET) {
      IncidentApi.linkNext(ctx, Map.of("offset", next, "limit", limit));
    }
    ctx.json(page);
  }

  List<HostRow> rows() {
    return fleet.hosts().stream().map(host -> HostRow.of(host, rules)).toList();
  }

  HostRow row(HostState host) {
    return HostRow.of(host, rules);
  }

  private static Predicate<HostRow> filter(Context ctx) {
    Predicate<HostRow> filter = row -> true;
    String state = ctx.queryParam("state");
    if (state != null) {
      if (!HostRow.STATES.contains(state)) {
        throw new BadRequestResponse(
            "The state parameter is one of " + String.join(", ", HostRow.STATES) + ".");
      }
      filter = filter.and(row -> row.state().equals(state));
    }
    String atRisk = ctx.queryParam("atRisk");
    if (atRisk != null) {
      if (!atRisk.equals("true") && !atRisk.equals("false")) {
        throw new BadRequestResponse("The atRisk parameter is true or false.");
      }
      boolean wanted = atRisk.equals("true");
      filter = filter.and(row -> row.atRisk() == wanted);
    }
    String q = ctx.queryParam("q");
    if (q != null && !q.isBlank()) {
      String part = q.strip().toLowerCase(Locale.ROOT);
      filter = filter.and(row -> contains(row.host(), part) || contains(row.hostName(), part));
    }
    return filter;
  }

  private static Comparator<HostRow> sort(String sort) {
    if (sort == null) {
      return BY_HOST;
    }
    Comparator<HostRow> order = SORTS.get(sort);
    if (order == null) {
      throw new BadRequestResponse("The sort parameter is host, lastSeen, hangs7d or lastHangAt.");
    }
    return order;
  }

  private static boolean contains(String text, String part) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(part);
  }

  /** Newest first, hosts without the time last, ties by host id. */
  private static Comparator<HostRow> newestFirst(
      java.util.function.Function<HostRow, Instant> time) {
    return Comparator.comparing(time, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
        .thenComparing(BY_HOST);
  }
}
