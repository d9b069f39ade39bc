package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;

/**
 * A {@link SearchRequest} run against the incidents: the typed text (without the words nearly every
 * incident has) and the filters select the incidents, listed by relevance or newest first, with
 * highlights, facet counts and the matching known issues as the request asks.
 */
final class IncidentSearch {

  /** Beyond this many matches, totals are a lower bound, so the best hits can skip the rest. */
  static final int TOTAL_HITS_THRESHOLD = 1000;

  private final IncidentQueryParser parser;
  private final Highlights highlights;
  private final KnowledgeSearches knowledge;
  private final Clock clock;

  IncidentSearch(
      IncidentQueryParser parser, Highlights highlights, KnowledgeSearches knowledge, Clock clock) {
    this.parser = parser;
    this.highlights = highlights;
    this.knowledge = knowledge;
    this.clock = clock;
  }

  /** How many incidents match, exactly or at least, and the facet counts if asked for. */
  private record Totals(
      long total, boolean exact, Map<String, List<SearchResult.FacetValue>> facets) {}

  SearchResult search(IndexSearcher s, SearchRequest request) throws IOException {
    SearchFilters filters = SearchFilters.of(request);
    boolean hasText = !filters.text().isBlank();
    if (!hasText && !filters.any()) {
      throw new QueryException("The query is empty; type the words to search for.");
    }
    UbiquitousWords.Plan plan =
        hasText
            ? UbiquitousWords.plan(s, parser.parse(filters.text()))
            : new UbiquitousWords.Plan(MatchAllDocsQuery.INSTANCE, false);
    Query text = plan.query();
    Query query = withFilters(text, filters);
    boolean byRelevance =
        hasText && request.order() == SearchRequest.Order.RELEVANCE && !plan.everyWordUbiquitous();
    TopDocs top = top(s, query, request.offset() + request.limit(), byRelevance);
    List<SearchResult.Hit> hits = hits(s, top, request.offset(), hasText, text);
    Totals totals = totals(s, query, top, request.facets());
    List<KnowledgeHit> known =
        hasText && request.knowledgeLimit() > 0
            ? knowledge.matching(s, filters.text(), request.knowledgeLimit())
            : List.of();
    SearchRequest.Order ordering =
        byRelevance ? SearchRequest.Order.RELEVANCE : SearchRequest.Order.RECENT;
    return new SearchResult(
        request.text(),
        totals.total(),
        totals.exact(),
        hits,
        known,
        totals.facets(),
        ordering,
        filters.selection(),
        request.offset(),
        nextOffset(request, hits.size(), totals));
  }

  /** Where the next page starts, if there is one a request may ask for. */
  private static Integer nextOffset(SearchRequest request, int shown, Totals totals) {
    int next = request.offset() + shown;
    boolean more = next < totals.total() || (!totals.exact() && shown == request.limit());
    return more && shown > 0 && next <= SearchRequest.MAX_OFFSET ? next : null;
  }

  private Query withFilters(Query text, SearchFilters filters) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    if (matchesAll(text)) {
      // Text fields of incidents are not in known issues: only a match-all needs the kind.
      builder.add(IndexSearches.INCIDENTS, BooleanClause.Occur.FILTER);
    }
    filters.addTo(builder, clock);
    return builder.build();
  }

  private static boolean matchesAll(Query query) {
    boolean[] found = {false};
    query.visit(
        new QueryVisitor() {
          @Override
          public void visitLeaf(Query leaf) {
            found[0] |= leaf instanceof MatchAllDocsQuery;
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    return found[0];
  }

  private static TopDocs top(IndexSearcher s, Query query, int limit, boolean byRelevance)
      throws IOException {
    try {
      if (byRelevance) {
        return s.search(query, new TopScoreDocCollectorManager(limit, TOTAL_HITS_THRESHOLD));
      }
      TopDocs newest =
          s.search(
              query,
              new TopFieldCollectorManager(
                  IndexSearches.NEWEST_FIRST, limit, TOTAL_HITS_THRESHOLD));
      // Sorting skips scoring; the few hits shown still get their score.
      TopFieldCollector.populateScores(newest.scoreDocs, s, query);
      return newest;
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("The query matches too many terms; make it more specific.");
    }
  }

  /**
   * The top incidents from {@code offset} on, marked where they match {@code text} if the request
   * has text.
   */
  private List<SearchResult.Hit> hits(
      IndexSearcher s, TopDocs top, int offset, boolean hasText, Query text) throws IOException {
    List<Incident> incidents = IndexSearches.incidents(s, top, offset);
    Map<String, Set<String>> terms = hasText ? Highlights.terms(text) : Map.of();
    List<SearchResult.Hit> hits = new ArrayList<>(incidents.size());
    for (int i = 0; i < incidents.size(); i++) {
      Incident incident = incidents.get(i);
      List<Highlight> marks =
          hasText ? highlights.of(terms, IncidentDocuments.texts(incident)) : List.of();
      float score = top.scoreDocs[offset + i].score;
      hits.add(new SearchResult.Hit(incident, score, marks, knowledge.issueNotes(incident)));
    }
    return hits;
  }

  private static Totals totals(IndexSearcher s, Query query, TopDocs top, boolean facets)
      throws IOException {
    if (facets) {
      IncidentFacets.Counts counts = IncidentFacets.count(s, query);
      return new Totals(counts.total(), true, counts.dims());
    }
    boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
    return new Totals(top.totalHits.value(), exact, Map.of());
  }
}
