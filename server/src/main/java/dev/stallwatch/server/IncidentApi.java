package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** The JSON endpoints over the incident index. */
final class IncidentApi {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** What {@code /healthz} answers. */
  record Health(String status, long incidents) {}

  private final IncidentIndex index;

  IncidentApi(IncidentIndex index) {
    this.index = index;
  }

  void recent(Context ctx) {
    ctx.json(index.recent(limit(ctx)));
  }

  void incident(Context ctx) {
    String id = ctx.pathParam("id");
    Incident incident =
        index
            .get(id)
            .orElseThrow(() -> new NotFoundResponse("No incident has the id '%s'.".formatted(id)));
    ctx.json(incident);
  }

  void search(Context ctx) {
    String text = ctx.queryParam("q");
    if (text == null || text.isBlank()) {
      throw new BadRequestResponse("The q parameter is required: give the words to search for.");
    }
    int limit = limit(ctx);
    ctx.json(index.search(text, limit));
  }

  void health(Context ctx) {
    ctx.json(new Health("ok", index.count()));
  }

  /** The {@code limit} parameter; refused rather than clamped, so a caller learns the bounds. */
  static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
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
