package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.kb.KnowledgeBase;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The reads of {@link IncidentIndex}, each on one searcher the index acquired: incidents by id,
 * newest or alike here; typed searches in {@link IncidentSearch}; known issues in {@link
 * KnowledgeSearches}.
 */
final class IndexSearches {

  static final Query INCIDENTS = new TermQuery(new Term(IndexFields.KIND, IndexFields.INCIDENT));
  static final Query ISSUES = new TermQuery(new Term(IndexFields.KIND, IndexFields.ISSUE));

  static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(IndexFields.OPENED_AT, SortField.Type.LONG, true),
          new SortField(IndexFields.ID, SortField.Type.STRING));
  private static final String[] SIMILAR_FIELDS = {
    IndexFields.TITLE, IndexFields.EVIDENCE, IndexFields.DETAILS
  };

  private final Analyzer indexAnalyzer;
  private final KnowledgeSearches knowledge;
  private final IncidentSearch incidentSearch;

  IndexSearches(Analyzer indexAnalyzer, Analyzer queryAnalyzer, KnowledgeBase kb, Clock clock) {
    this.indexAnalyzer = indexAnalyzer;
    Highlights highlights = new Highlights(indexAnalyzer);
    this.knowledge =
        new KnowledgeSearches(IncidentQueryParser.forKnowledge(queryAnalyzer), kb, highlights);
    this.incidentSearch =
        new IncidentSearch(new IncidentQueryParser(queryAnalyzer), highlights, knowledge, clock);
  }

  List<Incident> recent(IndexSearcher s, int offset, int limit) throws IOException {
    return incidents(s, s.search(INCIDENTS, offset + limit, NEWEST_FIRST), offset);
  }

  Optional<Incident> get(IndexSearcher s, String id) throws IOException {
    Query query = filtered(new TermQuery(new Term(IndexFields.ID, id)), INCIDENTS);
    return incidents(s, s.search(query, 1)).stream().findFirst();
  }

  long count(IndexSearcher s) throws IOException {
    return s.count(INCIDENTS);
  }

  SearchResult search(IndexSearcher s, SearchRequest request) throws IOException {
    return incidentSearch.search(s, request);
  }

  List<KnowledgeHit> knowledge(IndexSearcher s, String text, int limit) throws IOException {
    return knowledge.matching(s, text, limit);
  }

  List<KnowledgeHit> knowledgeFor(IndexSearcher s, Incident incident, int limit)
      throws IOException {
    return knowledge.forIncident(s, incident, limit);
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
              found.get(i), top.scoreDocs[i].score, List.of(), knowledge.issueNotes(found.get(i))));
    }
    return hits;
  }

  static Query filtered(Query query, Query filter) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER)
        .build();
  }

  static List<Incident> incidents(IndexSearcher searcher, TopDocs top) throws IOException {
    return incidents(searcher, top, 0);
  }

  /** The incidents of {@code top} from {@code offset} on. */
  static List<Incident> incidents(IndexSearcher searcher, TopDocs top, int offset)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<Incident> out = new ArrayList<>(Math.max(0, top.scoreDocs.length - offset));
    for (int i = offset; i < top.scoreDocs.length; i++) {
      out.add(IncidentDocuments.fromStored(stored.document(top.scoreDocs[i].doc)));
    }
    return out;
  }
}
