package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.SearchRequest;
import dev.stallwatch.search.SearchResult;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON endpoints over incidents. */
final class IncidentApi {

  static final int DEFAULT_LIMIT = 50;
  static final int KNOWN_ISSUES_SHOWN = 5;
  static final int SIMILAR_DEFAULT = 5;

  private final IncidentIndex index;

  IncidentApi(IncidentIndex index) {
    this.index = index;
  }

  /** A page of the newest incidents; a {@code Link} header points to the next one, if any. */
  void recent(Context ctx) {
    int offset = ApiParams.offset(ctx);
    int limit = ApiParams.limit(ctx, DEFAULT_LIMIT);
    List<Incident> page = index.recent(offset, limit);
    int next = offset + page.size();
    if (!page.isEmpty() && next < index.count() && next <= ApiParams.MAX_OFFSET) {
      linkNext(ctx, Map.of("offset", next, "limit", limit));
    }
    ctx.json(page);
  }

  void incident(Context ctx) {
    ctx.json(find(ctx.pathParam("id")));
  }

  void similar(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(
        index.similar(id, ApiParams.limit(ctx, SIMILAR_DEFAULT)).orElseThrow(() -> notFound(id)));
  }

  void issues(Context ctx) {
    ctx.json(
        index.knowledgeFor(find(ctx.pathParam("id")), ApiParams.limit(ctx, KNOWN_ISSUES_SHOWN)));
  }

  /**
   * {@code q} with optional {@code host}, {@code rule}, {@code status}, {@code since}, {@code
   * sort=relevance|recent}, {@code facets=false}, {@code limit}, {@code offset}; {@code q} may be
   * left out when a filter is given.
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
            ApiParams.limit(ctx, DEFAULT_LIMIT),
            ApiParams.order(ctx),
            host,
            rule,
            status,
            ApiParams.since(ctx),
            !"false".equalsIgnoreCase(ctx.queryParam("facets")),
            KNOWN_ISSUES_SHOWN,
            ApiParams.offset(ctx));
    SearchResult result = index.search(request);
    if (result.nextOffset() != null) {
      linkNext(ctx, Map.of("offset", result.nextOffset()));
    }
    ctx.json(result);
  }

  private Incident find(String id) {
    return index.get(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundResponse notFound(String id) {
    return new NotFoundResponse("No incident has the id '%s'.".formatted(id));
  }

  /**
   * A {@code Link: <...>; rel="next"} header (RFC 8288): this request's path and parameters with
   * {@code replaced} swapped in.
   */
  static void linkNext(Context ctx, Map<String, Integer> replaced) {
    Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
    replaced.forEach((name, value) -> params.put(name, List.of(String.valueOf(value))));
    String query =
        params.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
            .collect(Collectors.joining("&"));
    ctx.header("Link", "<%s?%s>; rel=\"next\"".formatted(ctx.path(), query));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
