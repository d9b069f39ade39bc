package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.kb.KnowledgeEntry;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** The JSON endpoints over the knowledge base of known issues. */
final class KnowledgeApi {

  static final int DEFAULT_LIMIT = 10;

  private final IncidentIndex index;

  KnowledgeApi(IncidentIndex index) {
    this.index = index;
  }

  /** Every known issue, or with {@code q} those matching it, best first. */
  void list(Context ctx) {
    String text = ctx.queryParam("q");
    if (text == null) {
      ctx.json(index.knowledgeBase().entries());
      return;
    }
    if (text.isBlank()) {
      throw new BadRequestResponse("The q parameter is empty: give the symptom to search for.");
    }
    ctx.json(index.searchKnowledge(text, ApiParams.limit(ctx, DEFAULT_LIMIT)));
  }

  /** {@code /api/kb/{owner}/{repo}/{number}}: one known issue. */
  void entry(Context ctx) {
    String id =
        "%s/%s#%s"
            .formatted(ctx.pathParam("owner"), ctx.pathParam("repo"), ctx.pathParam("number"));
    KnowledgeEntry entry =
        index
            .knowledgeBase()
            .get(id)
            .orElseThrow(
                () -> new NotFoundResponse("The knowledge base has no issue '%s'.".formatted(id)));
    ctx.json(entry);
  }
}
