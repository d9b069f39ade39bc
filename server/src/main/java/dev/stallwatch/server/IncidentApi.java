package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.SearchRequest;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;

/** The JSON endpoints over incidents. */
final class IncidentApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int KNOWN_ISSUES_SHOWN = 5;
  static final int SIMILAR_DEFAULT = 5;

  private final IncidentIndex index;

  IncidentApi(IncidentIndex index) {
    this.index = index;
  }

  void recent(Context ctx) {
    ctx.json(index.recent(limit(ctx, DEFAULT_LIMIT)));
  }

  void incident(Context ctx) {
    ctx.json(find(ctx.pathParam("id")));
  }

  void similar(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(index.similar(id, limit(ctx, SIMILAR_DEFAULT)).orElseThrow(() -> notFound(id)));
  }

  void issues(Context ctx) {
    ctx.json(index.knowledgeFor(find(ctx.pathParam("id")), limit(ctx, KNOWN_ISSUES_SHOWN)));
  }

  /**
   * {@code q} with optional {@code host}, {@code rule}, {@code status}, {@code since}, {@code
   * sort=relevance|recent}, {@code facets=false}, {@code limit}; {@code q} may be left out when a
   * filter is given.
   */
  void search(Context ctx) {
    String text = ctx.queryParam("q");
    String host = ctx.queryParam("host");
    String rule = ctx.queryParam("rule");
    String status = ctx.queryParam("status");
    String since = ctx.queryParam("since");
    boolean anyFilter = host != null || rule != null || status != null || since != null;
    if ((text == null || text.isBlank()) && !anyFilter) {
      throw new BadRequestResponse("The q parameter is required: give the words to search for.");
    }
    var request =
        new SearchRequest(
            text,
            limit(ctx, DEFAULT_LIMIT),
            order(ctx.queryParam("sort")),
            host,
            rule,
            status,
            since == null ? null : duration(since),
            !"false".equalsIgnoreCase(ctx.queryParam("facets")),
            KNOWN_ISSUES_SHOWN);
    ctx.json(index.search(request));
  }

  private Incident find(String id) {
    return index.get(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundResponse notFound(String id) {
    return new NotFoundResponse("No incident has the id '%s'.".formatted(id));
  }

  private static SearchRequest.Order order(String sort) {
    if (sort == null || sort.equalsIgnoreCase("relevance")) {
      return SearchRequest.Order.RELEVANCE;
    }
    if (sort.equalsIgnoreCase("recent")) {
      return SearchRequest.Order.RECENT;
    }
    throw new BadRequestResponse("The sort parameter is relevance or recent.");
  }

  private static Duration duration(String since) {
    try {
      return SearchRequest.parseSince(since);
    } catch (QueryException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  /** The {@code limit} parameter; refused rather than clamped, so a caller learns the bounds. */
  static int limit(Context ctx, int defaultLimit) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(raw.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Not a number: answered below like a number out of range.
    }
    throw new BadRequestResponse(
        "The limit parameter must be a whole number from 1 to %d.".formatted(MAX_LIMIT));
  }
}
