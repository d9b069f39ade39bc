package dev.stallwatch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Leaves out of a query the words that nearly every incident contains, when it also has a word that
 * tells incidents apart. Incidents come from a handful of rules, so words such as {@code docker},
 * {@code desktop} or the hang concept are in almost all of them: their weight in a score is close
 * to nothing (BM25 gives a word in every document an idf near zero), yet scoring them means
 * visiting every candidate in their postings, which over a million incidents was most of a search's
 * time. A query made only of such words cannot rank incidents by relevance at all; it is kept, and
 * {@link Plan#everyWordUbiquitous()} says so.
 */
final class UbiquitousWords {

  /**
   * The query to run.
   *
   * @param everyWordUbiquitous every word is in nearly every incident: relevance cannot tell them
   *     apart
   */
  record Plan(Query query, boolean everyWordUbiquitous) {}

  /** A word whose clause may match at least this share of the incidents is ubiquitous. */
  static final double UBIQUITOUS_SHARE = 0.9;

  /** Below this many documents every search is fast and relevance is left alone. */
  static final int MIN_DOCS = 10_000;

  private UbiquitousWords() {}

  static Plan plan(IndexSearcher searcher, Query query) throws IOException {
    long ubiquitous = (long) (searcher.getIndexReader().maxDoc() * UBIQUITOUS_SHARE);
    if (!(query instanceof BooleanQuery bool)
        || bool.getMinimumNumberShouldMatch() > 0
        || !bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.SHOULD)) {
      return new Plan(query, isUbiquitous(searcher, query, ubiquitous));
    }
    List<Query> telling = new ArrayList<>();
    for (BooleanClause clause : bool.clauses()) {
      if (!isUbiquitous(searcher, clause.query(), ubiquitous)) {
        telling.add(clause.query());
      }
    }
    if (telling.isEmpty() || telling.size() == bool.clauses().size()) {
      return new Plan(query, telling.isEmpty());
    }
    BooleanQuery.Builder kept = new BooleanQuery.Builder();
    telling.forEach(q -> kept.add(q, BooleanClause.Occur.SHOULD));
    return new Plan(kept.build(), false);
  }

  private static boolean isUbiquitous(IndexSearcher searcher, Query query, long ubiquitous)
      throws IOException {
    // A small index (the knowledge base alone, a test) has no word worth leaving out.
    return searcher.getIndexReader().maxDoc() >= MIN_DOCS && cost(searcher, query) >= ubiquitous;
  }

  /** An upper bound of the documents the clause matches, from the index's statistics. */
  private static long cost(IndexSearcher searcher, Query query) throws IOException {
    Weight weight =
        searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    long cost = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      ScorerSupplier supplier = weight.scorerSupplier(leaf);
      if (supplier != null) {
        cost += supplier.cost();
      }
    }
    return cost;
  }
}
