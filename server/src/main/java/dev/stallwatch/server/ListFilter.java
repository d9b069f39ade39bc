package dev.stallwatch.server;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The filters the team's lists share with search: {@code host}, {@code rule}, {@code since} (a
 * duration, as in search) and a {@code status} from a set the list names; a filter given empty is
 * the same 400 as in search.
 */
record ListFilter(String host, String rule, String status, Instant since) {

  static ListFilter of(Context ctx, Set<String> statuses, Instant now) {
    String status = nonEmpty(ctx, "status");
    if (status != null && !statuses.contains(status)) {
      throw new BadRequestResponse(
          "The status parameter is one of %s."
              .formatted(String.join(", ", statuses.stream().sorted().toList())));
    }
    Duration since = ApiParams.since(ctx);
    return new ListFilter(
        nonEmpty(ctx, "host"),
        nonEmpty(ctx, "rule"),
        status,
        since == null ? null : now.minus(since));
  }

  <T> List<T> apply(
      List<T> items,
      Function<T, String> host,
      Function<T, String> rule,
      Function<T, String> status,
      Function<T, Instant> at) {
    return items.stream()
        .filter(i -> this.host == null || this.host.equals(host.apply(i)))
        .filter(i -> this.rule == null || this.rule.equals(rule.apply(i)))
        .filter(i -> this.status == null || this.status.equals(status.apply(i)))
        .filter(i -> since == null || (at.apply(i) != null && !at.apply(i).isBefore(since)))
        .toList();
  }

  /** A page of {@code items}, from {@code offset}, with a {@code Link} to the next one. */
  static <T> List<T> page(Context ctx, List<T> items, int defaultLimit) {
    int offset = ApiParams.offset(ctx);
    int limit = ApiParams.limit(ctx, defaultLimit);
    List<T> page =
        items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size()));
    int next = offset + page.size();
    if (!page.isEmpty() && next < items.size() && next <= ApiParams.MAX_OFFSET) {
      IncidentApi.linkNext(ctx, java.util.Map.of("offset", next, "limit", limit));
    }
    return page;
  }

  private static String nonEmpty(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value != null && value.isBlank()) {
      throw new BadRequestResponse(
          "The %s filter is empty; give it a value, e.g. %s=%s."
              .formatted(name, name, name.equals("host") ? "dev-anna" : "..."));
    }
    return value;
  }
}
