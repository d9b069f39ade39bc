package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.SearchRequest;
import dev.stallwatch.search.SearchResult;
import dev.stallwatch.server.team.TeamState;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/export/incidents}: every incident a search finds (the same {@code q}, {@code
 * host}, {@code rule}, {@code status} and {@code since} as {@code /api/search}; none of them: all),
 * up to {@link #MAX_ROWS}, newest first, as JSON or CSV, with who acknowledged each.
 */
final class IncidentExport {

  static final int MAX_ROWS = SearchRequest.MAX_OFFSET;
  private static final int PAGE = ApiParams.MAX_LIMIT;

  private final IncidentIndex index;
  private final TeamState team;

  IncidentExport(IncidentIndex index, TeamState team) {
    this.index = index;
    this.team = team;
  }

  void export(Context ctx) {
    boolean csv = Csv.wanted(ctx);
    List<Incident> incidents = matching(ctx);
    if (csv) {
      Csv.send(
          ctx,
          "incidents",
          List.of(
              "id",
              "host",
              "rule",
              "status",
              "severity",
              "onset",
              "openedAt",
              "resolvedAt",
              "confidence",
              "title",
              "knownIssues",
              "acknowledgedBy",
              "acknowledgedAt"),
          incidents,
          this::cells);
      return;
    }
    ctx.json(incidents);
  }

  private List<Incident> matching(Context ctx) {
    String text = ctx.queryParam("q");
    List<Incident> out = new ArrayList<>();
    boolean anyFilter =
        (text != null && !text.isBlank())
            || ctx.queryParam("host") != null
            || ctx.queryParam("rule") != null
            || ctx.queryParam("status") != null
            || ctx.queryParam("since") != null;
    if (!anyFilter) {
      for (int offset = 0; offset < MAX_ROWS; offset += PAGE) {
        List<Incident> page = index.recent(offset, PAGE);
        out.addAll(page);
        if (page.size() < PAGE) {
          break;
        }
      }
      return out;
    }
    for (int offset = 0; offset < MAX_ROWS; offset += PAGE) {
      SearchResult page =
          index.search(
              new SearchRequest(
                  text == null || text.isBlank() ? null : text,
                  Math.min(PAGE, MAX_ROWS - offset),
                  SearchRequest.Order.RECENT,
                  ctx.queryParam("host"),
                  ctx.queryParam("rule"),
                  ctx.queryParam("status"),
                  ApiParams.since(ctx),
                  false,
                  0,
                  offset));
      page.hits().forEach(hit -> out.add(hit.incident()));
      if (page.nextOffset() == null) {
        break;
      }
    }
    return out;
  }

  private List<?> cells(Incident i) {
    IncidentAction ack =
        team.actions(i.id()).stream()
            .filter(a -> a.kind() == IncidentAction.Kind.ACKNOWLEDGED)
            .findFirst()
            .orElse(null);
    return Arrays.asList(
        i.id(),
        i.host(),
        i.rule(),
        i.status().name().toLowerCase(java.util.Locale.ROOT),
        i.severity().wireName(),
        i.onset(),
        i.openedAt(),
        i.resolvedAt(),
        i.confidence(),
        i.title(),
        String.join(" ", i.knownIssues().stream().map(KnownIssueRef::id).toList()),
        ack == null ? null : ack.by(),
        ack == null ? null : ack.at());
  }
}
