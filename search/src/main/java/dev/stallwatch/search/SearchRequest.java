package dev.stallwatch.search;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A search over incidents (and, alongside, the knowledge base).
 *
 * @param text what the user typed; may hold inline filters ({@code host:dev-anna}, {@code
 *     rule:...}, {@code status:open}, {@code since:24h}); may be blank when a filter is given
 * @param limit how many incidents to return, at least 1
 * @param order by relevance, or newest first
 * @param host only incidents of this host (null: any); combined with inline {@code host:}
 * @param rule only incidents of this rule (null: any)
 * @param status only {@code open} or {@code resolved} incidents (null: any)
 * @param since only incidents opened within this long before now (null: any time)
 * @param facets whether to count facets over every match (costs a pass over all matches)
 * @param knowledgeLimit how many known issues to return next to the incidents (0: none)
 * @param offset how many of the ordered matches to skip, for the pages after the first; 0 to {@link
 *     #MAX_OFFSET}
 */
public record SearchRequest(
    String text,
    int limit,
    Order order,
    String host,
    String rule,
    String status,
    Duration since,
    boolean facets,
    int knowledgeLimit,
    int offset) {

  /**
   * The deepest page start: each page collects every match before it, so pages deeper than this
   * cost more than a narrower search (a filter such as {@code since:} or {@code host:}) would.
   */
  public static final int MAX_OFFSET = 10_000;

  /** How incidents are ordered; in JSON as the {@code sort} parameter spells it. */
  public enum Order {
    RELEVANCE,
    RECENT;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SearchRequest {
    text = text == null ? "" : text;
    Objects.requireNonNull(order, "order");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (knowledgeLimit < 0) {
      throw new IllegalArgumentException("knowledgeLimit must not be negative");
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException(
          "offset must be within 0.." + MAX_OFFSET + ", was " + offset);
    }
  }

  /** The first page of a search. */
  public SearchRequest(
      String text,
      int limit,
      Order order,
      String host,
      String rule,
      String status,
      Duration since,
      boolean facets,
      int knowledgeLimit) {
    this(text, limit, order, host, rule, status, since, facets, knowledgeLimit, 0);
  }

  /**
   * A {@code since} duration as typed: {@code 30m}, {@code 24h}, {@code 7d} or {@code 2w}.
   *
   * @throws QueryException with one sentence when it is none of these
   */
  public static Duration parseSince(String text) {
    return SearchFilters.duration(text);
  }

  /** Incidents only, by relevance, with no filters, facets or known issues. */
  public static SearchRequest of(String text, int limit) {
    return new SearchRequest(text, limit, Order.RELEVANCE, null, null, null, null, false, 0);
  }
}
