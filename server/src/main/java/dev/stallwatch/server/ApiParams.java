package dev.stallwatch.server;

import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.SearchRequest;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The query parameters the endpoints share, each refused with one sentence when out of its bounds
 * rather than clamped, so a caller learns the bounds.
 */
final class ApiParams {

  static final int MAX_LIMIT = 500;
  static final int MAX_OFFSET = SearchRequest.MAX_OFFSET;

  private ApiParams() {}

  /** {@code limit}: how many to return, 1 to {@value #MAX_LIMIT}. */
  static int limit(Context ctx, int defaultLimit) {
    return wholeNumber(ctx, "limit", 1, MAX_LIMIT, defaultLimit);
  }

  /** {@code offset}: how many to skip, 0 to {@value #MAX_OFFSET}. */
  static int offset(Context ctx) {
    return wholeNumber(ctx, "offset", 0, MAX_OFFSET, 0);
  }

  /** {@code sort}: {@code relevance} (the default) or {@code recent}. */
  static SearchRequest.Order order(Context ctx) {
    String sort = ctx.queryParam("sort");
    if (sort == null || sort.equalsIgnoreCase("relevance")) {
      return SearchRequest.Order.RELEVANCE;
    }
    if (sort.equalsIgnoreCase("recent")) {
      return SearchRequest.Order.RECENT;
    }
    throw new BadRequestResponse("The sort parameter is relevance or recent.");
  }

  /** {@code since}: a duration such as {@code 24h}, or null when not given. */
  static Duration since(Context ctx) {
    String since = ctx.queryParam("since");
    if (since == null) {
      return null;
    }
    try {
      return SearchRequest.parseSince(since);
    } catch (QueryException e) {
      throw new BadRequestResponse(e.getMessage());
    }
  }

  private static int wholeNumber(Context ctx, String name, int min, int max, int absent) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return absent;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Not a number: answered below like a number out of range.
    }
    throw new BadRequestResponse(
        "The %s parameter must be a whole number from %d to %d.".formatted(name, min, max));
  }
}
