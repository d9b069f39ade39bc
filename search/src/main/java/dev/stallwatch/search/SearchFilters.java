package dev.stallwatch.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The filters of a search: {@code host:}, {@code rule:}, {@code status:} and {@code since:} written
 * in the text (as whole words, without {@code +} or {@code -}), plus those of the request. A filter
 * restricts incidents; it never adds to the score. Filters of the same field widen each other
 * ({@code host:a host:b}), filters of different fields narrow.
 *
 * @param text the search text with the inline filters taken out
 */
record SearchFilters(
    String text, List<String> hosts, List<String> rules, List<String> statuses, Duration since) {

  private static final Pattern INLINE =
      Pattern.compile("(?i)(?<![^\\s(])(host|rule|status|since):([^\\s\"()]+)(?=$|[\\s)])");
  private static final Pattern EMPTY_INLINE =
      Pattern.compile("(?i)(?<![^\\s(])(host|rule|status|since):(?=$|[\\s)])");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhdw])");
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "host", "host:dev-anna",
          "rule", "rule:resource-saver-gradual",
          "status", "status:open",
          "since", "since:24h");

  static SearchFilters of(SearchRequest request) {
    refuseEmpty("host", request.host());
    refuseEmpty("rule", request.rule());
    refuseEmpty("status", request.status());
    Matcher empty = EMPTY_INLINE.matcher(request.text());
    if (empty.find()) {
      throw emptyFilter(empty.group(1).toLowerCase(Locale.ROOT));
    }
    List<String> hosts = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    Duration since = request.since();
    addIfPresent(hosts, request.host());
    addIfPresent(rules, request.rule());
    addIfPresent(statuses, request.status() == null ? null : status(request.status()));
    Matcher m = INLINE.matcher(request.text());
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      String value = m.group(2);
      switch (m.group(1).toLowerCase(Locale.ROOT)) {
        case "host" -> hosts.add(value.toLowerCase(Locale.ROOT));
        case "rule" -> rules.add(value.toLowerCase(Locale.ROOT));
        case "status" -> statuses.add(status(value));
        default -> since = shortest(since, duration(value));
      }
      m.appendReplacement(rest, " ");
    }
    m.appendTail(rest);
    return new SearchFilters(rest.toString().strip(), hosts, rules, statuses, since);
  }

  /** The one sentence for {@code host:}, {@code since=} and the like given with no value. */
  static QueryException emptyFilter(String name) {
    return new QueryException(
        "The %s filter is empty; give it a value, e.g. %s.".formatted(name, EXAMPLES.get(name)));
  }

  private static void refuseEmpty(String name, String value) {
    if (value != null && value.isBlank()) {
      throw emptyFilter(name);
    }
  }

  /** A duration such as {@code 30m}, {@code 24h}, {@code 7d} or {@code 2w}. */
  static Duration duration(String text) {
    if (text.isBlank()) {
      throw emptyFilter("since");
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new QueryException(
          "since: takes a duration such as 30m, 24h, 7d or 2w, not '%s'.".formatted(text));
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** The words and filters, for a result to say what selected its incidents. */
  SearchResult.Selection selection() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    putIfAny(filters, "host", hosts);
    putIfAny(filters, "rule", rules);
    putIfAny(filters, "status", statuses);
    if (since != null) {
      filters.put("since", List.of(shortForm(since)));
    }
    return new SearchResult.Selection(text, filters);
  }

  private static void putIfAny(Map<String, List<String>> into, String name, List<String> values) {
    if (!values.isEmpty()) {
      into.put(name, List.copyOf(new LinkedHashSet<>(values)));
    }
  }

  /** A duration as {@link #duration(String)} reads it: {@code 24h}, {@code 2w}. */
  static String shortForm(Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes == 0) {
      return "0m";
    }
    if (minutes % (7 * 24 * 60) == 0) {
      return minutes / (7 * 24 * 60) + "w";
    }
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }

  private static String status(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    if (!lower.equals("open") && !lower.equals("resolved")) {
      throw new QueryException("status: is open or resolved, not '%s'.".formatted(value));
    }
    return lower;
  }

  private static Duration shortest(Duration a, Duration b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }

  private static void addIfPresent(List<String> list, String value) {
    if (value != null && !value.isBlank()) {
      list.add(value.strip().toLowerCase(Locale.ROOT));
    }
  }

  boolean any() {
    return !hosts.isEmpty() || !rules.isEmpty() || !statuses.isEmpty() || since != null;
  }

  /** Adds the filters to {@code query} as non-scoring clauses. */
  void addTo(BooleanQuery.Builder query, Clock clock) {
    addAnyOf(query, IndexFields.HOST, hosts);
    addAnyOf(query, IndexFields.RULE, rules);
    addAnyOf(query, IndexFields.STATUS, statuses);
    if (since != null) {
      long from = clock.millis() - since.toMillis();
      query.add(
          LongPoint.newRangeQuery(IndexFields.OPENED_AT, from, Long.MAX_VALUE),
          BooleanClause.Occur.FILTER);
    }
  }

  private static void addAnyOf(BooleanQuery.Builder query, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String value : values) {
      any.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD);
    }
    Query built = any.build();
    query.add(built, BooleanClause.Occur.FILTER);
  }
}
