package dev.stallwatch.search;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import dev.stallwatch.search.kb.Product;
import dev.stallwatch.search.kb.VersionNote;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;

/** The reads of {@link IncidentIndex}, each on one searcher the index acquired. */
final class IndexSearches {

  static final Query INCIDENTS = new TermQuery(new Term(IndexFields.KIND, IndexFields.INCIDENT));
  static final Query ISSUES = new TermQuery(new Term(IndexFields.KIND, IndexFields.ISSUE));

  /** Beyond this many matches, totals are a lower bound, so the best hits can skip the rest. */
  static final int TOTAL_HITS_THRESHOLD = 1000;

  private static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(IndexFields.OPENED_AT, SortField.Type.LONG, true),
          new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final String[] SIMILAR_FIELDS = {
    IndexFields.TITLE, IndexFields.EVIDENCE, IndexFields.DETAILS
  };

  private final Analyzer indexAnalyzer;
  private final IncidentQueryParser incidentParser;
  private final IncidentQueryParser knowledgeParser;
  private final KnowledgeBase knowledge;
  private final Highlights highlights;
  private final Clock clock;

  IndexSearches(Analyzer indexAnalyzer, Analyzer queryAnalyzer, KnowledgeBase kb, Clock clock) {
    this.indexAnalyzer = indexAnalyzer;
    this.incidentParser = new IncidentQueryParser(queryAnalyzer);
    this.knowledgeParser = IncidentQueryParser.forKnowledge(queryAnalyzer);
    this.knowledge = kb;
    this.highlights = new Highlights(indexAnalyzer);
    this.clock = clock;
  }

  @FunctionalInterface
  interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  List<Incident> recent(IndexSearcher s, int limit) throws IOException {
    return incidents(s, s.search(INCIDENTS, limit, NEWEST_FIRST));
  }

  Optional<Incident> get(IndexSearcher s, String id) throws IOException {
    Query query = filtered(new TermQuery(new Term(IndexFields.ID, id)), INCIDENTS);
    return incidents(s, s.search(query, 1)).stream().findFirst();
  }

  long count(IndexSearcher s) throws IOException {
    return s.count(INCIDENTS);
  }

  SearchResult search(IndexSearcher s, SearchRequest request) throws IOException {
    SearchFilters filters = SearchFilters.of(request);
    boolean hasText = !filters.text().isBlank();
    if (!hasText && !filters.any()) {
      throw new QueryException("The query is empty; type the words to search for.");
    }
    UbiquitousWords.Plan plan =
        hasText
            ? UbiquitousWords.plan(s, incidentParser.parse(filters.text()))
            : new UbiquitousWords.Plan(MatchAllDocsQuery.INSTANCE, false);
    Query text = plan.query();
    BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    if (matchesAll(text)) {
      // Text fields of incidents are not in known issues: only a match-all needs the kind.
      builder.add(INCIDENTS, BooleanClause.Occur.FILTER);
    }
    filters.addTo(builder, clock);
    Query query = builder.build();
    boolean byRelevance =
        hasText && request.order() == SearchRequest.Order.RELEVANCE && !plan.everyWordUbiquitous();
    TopDocs top = top(s, query, request.limit(), byRelevance);
    List<Incident> incidents = incidents(s, top);
    Map<String, Set<String>> terms = hasText ? Highlights.terms(text) : Map.of();
    List<SearchResult.Hit> hits = new ArrayList<>(incidents.size());
    for (int i = 0; i < incidents.size(); i++) {
      Incident incident = incidents.get(i);
      List<Highlight> marks =
          hasText ? highlights.of(terms, IncidentDocuments.texts(incident)) : List.of();
      hits.add(new SearchResult.Hit(incident, top.scoreDocs[i].score, marks, issueNotes(incident)));
    }
    long total = top.totalHits.value();
    boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
    Map<String, List<SearchResult.FacetValue>> facets = Map.of();
    if (request.facets()) {
      IncidentFacets.Counts counts = IncidentFacets.count(s, query);
      facets = counts.dims();
      total = counts.total();
      exact = true;
    }
    List<KnowledgeHit> known =
        hasText && request.knowledgeLimit() > 0
            ? knowledge(s, filters.text(), request.knowledgeLimit())
            : List.of();
    SearchRequest.Order ordering =
        byRelevance ? SearchRequest.Order.RELEVANCE : SearchRequest.Order.RECENT;
    return new SearchResult(request.text(), total, exact, hits, known, facets, ordering);
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
          s.search(query, new TopFieldCollectorManager(NEWEST_FIRST, limit, TOTAL_HITS_THRESHOLD));
      // Sorting skips scoring; the few hits shown still get their score.
      TopFieldCollector.populateScores(newest.scoreDocs, s, query);
      return newest;
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("The query matches too many terms; make it more specific.");
    }
  }

  List<KnowledgeHit> knowledge(IndexSearcher s, String text, int limit) throws IOException {
    Query query = knowledgeParser.parse(text);
    Map<Product, String> versions = QueryVersions.of(text);
    return knowledgeHits(s, query, limit, versions, "you named");
  }

  private List<KnowledgeHit> knowledgeHits(
      IndexSearcher s, Query query, int limit, Map<Product, String> versions, String who)
      throws IOException {
    TopDocs top = s.search(filtered(query, ISSUES), limit);
    StoredFields stored = s.storedFields();
    Map<String, Set<String>> terms = Highlights.terms(query);
    List<KnowledgeHit> out = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      String id = stored.document(hit.doc).get(IndexFields.ID);
      Optional<KnowledgeEntry> entry = knowledge.get(id);
      if (entry.isPresent()) {
        KnowledgeEntry e = entry.get();
        out.add(
            new KnowledgeHit(
                e,
                hit.score,
                highlights.of(terms, KnowledgeDocuments.highlighted(e)),
                VersionNote.check(e, versions, who)));
      }
    }
    return out;
  }

  List<KnowledgeHit> knowledgeFor(IndexSearcher s, Incident incident, int limit)
      throws IOException {
    Map<Product, String> versions = versions(incident.context());
    String who = incident.host() + " runs";
    List<KnowledgeHit> out = new ArrayList<>();
    for (KnownIssueRef ref : incident.knownIssues()) {
      knowledge
          .get(ref.id())
          .filter(e -> out.size() < limit)
          .ifPresent(e -> out.add(new KnowledgeHit(e, 0f, List.of(), check(e, versions, who))));
    }
    if (out.isEmpty()) {
      String text = incident.title() + " " + incident.rule().replace('-', ' ');
      Query query = knowledgeParser.parse(escapeAll(text));
      out.addAll(knowledgeHits(s, query, limit, versions, who));
    }
    return out;
  }

  List<SearchResult.Hit> similar(IndexSearcher s, Incident incident, int limit) throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
    mlt.setAnalyzer(indexAnalyzer);
    mlt.setFieldNames(SIMILAR_FIELDS);
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(2);
    mlt.setMaxQueryTerms(25);
    // The host is left out: alike means the same hang, on any machine of the team.
    Map<String, List<String>> texts = IncidentDocuments.texts(incident);
    BooleanQuery.Builder like = new BooleanQuery.Builder();
    for (String field : SIMILAR_FIELDS) {
      String joined = String.join("\n", texts.getOrDefault(field, List.of()));
      if (!joined.isBlank()) {
        like.add(mlt.like(field, new StringReader(joined)), BooleanClause.Occur.SHOULD);
      }
    }
    Query query =
        new BooleanQuery.Builder()
            .add(like.build(), BooleanClause.Occur.MUST)
            .add(INCIDENTS, BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(IndexFields.ID, incident.id())),
                BooleanClause.Occur.MUST_NOT)
            .build();
    TopDocs top = s.search(query, limit);
    List<Incident> found = incidents(s, top);
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      hits.add(
          new SearchResult.Hit(
              found.get(i), top.scoreDocs[i].score, List.of(), issueNotes(found.get(i))));
    }
    return hits;
  }

  /** The incident's known issues, each with what the host's versions mean for it. */
  List<SearchResult.IssueNote> issueNotes(Incident incident) {
    Map<Product, String> versions = versions(incident.context());
    String who = incident.host() + " runs";
    List<SearchResult.IssueNote> out = new ArrayList<>();
    for (KnownIssueRef ref : incident.knownIssues()) {
      Optional<KnowledgeEntry> entry = knowledge.get(ref.id());
      out.add(
          new SearchResult.IssueNote(
              ref.id(),
              ref.url(),
              entry.map(KnowledgeEntry::title).orElse(null),
              entry.map(e -> check(e, versions, who)).orElse(List.of())));
    }
    return out;
  }

  private static List<VersionNote> check(
      KnowledgeEntry entry, Map<Product, String> versions, String who) {
    return VersionNote.check(entry, versions, who);
  }

  static Map<Product, String> versions(HostContext context) {
    Map<Product, String> out = new EnumMap<>(Product.class);
    putIfPresent(out, Product.WSL, context.wslVersion());
    putIfPresent(out, Product.DOCKER_DESKTOP, context.dockerDesktopVersion());
    putIfPresent(out, Product.KERNEL, context.kernelVersion());
    putIfPresent(out, Product.WINDOWS, context.windowsVersion());
    return out;
  }

  private static void putIfPresent(Map<Product, String> map, Product product, String value) {
    if (value != null && !value.isBlank()) {
      map.put(product, value);
    }
  }

  /** Text from an incident is data, not query syntax: quote every character that is syntax. */
  private static String escapeAll(String text) {
    return QueryParser.escape(text);
  }

  private static Query filtered(Query query, Query filter) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER)
        .build();
  }

  private static List<Incident> incidents(IndexSearcher searcher, TopDocs top) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Incident> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc scoreDoc : top.scoreDocs) {
      out.add(IncidentDocuments.fromStored(stored.document(scoreDoc.doc)));
    }
    return out;
  }
}
