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
 * Keeps a query fast when most of its words are in most incidents. Incidents come from a handful of
 * rules, so words such as {@code docker}, {@code hang} or {@code desktop} match nearly all of them,
 * and a query of such words would score every incident. When a query also has rarer words, an
 * incident must match at least one of those, and the common words only add to its score (the idea
 * of Lucene's CommonTermsQuery, applied to the per-word clauses the parser builds). Ranking among
 * the incidents that match is unchanged; when every word is common, nothing changes.
 */
final class CommonWords {

  /** A word whose clause may match more than this share of incidents is common. */
  static final double COMMON_SHARE = 0.2;

  private CommonWords() {}

  static Query focus(IndexSearcher searcher, Query query) throws IOException {
    if (!(query instanceof BooleanQuery bool)
        || bool.getMinimumNumberShouldMatch() > 0
        || bool.clauses().size() < 2
        || !bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.SHOULD)) {
      return query;
    }
    long limit = (long) (searcher.getIndexReader().maxDoc() * COMMON_SHARE);
    List<Query> rare = new ArrayList<>();
    List<Query> common = new ArrayList<>();
    for (BooleanClause clause : bool.clauses()) {
      long cost = cost(searcher, clause.query());
      if (cost > limit) {
        common.add(clause.query());
      } else if (cost > 0) {
        rare.add(clause.query());
      }
    }
    if (rare.isEmpty() || common.isEmpty()) {
      return query;
    }
    BooleanQuery.Builder anyRare = new BooleanQuery.Builder();
    rare.forEach(q -> anyRare.add(q, BooleanClause.Occur.SHOULD));
    BooleanQuery.Builder out =
        new BooleanQuery.Builder().add(anyRare.build(), BooleanClause.Occur.MUST);
    common.forEach(q -> out.add(q, BooleanClause.Occur.SHOULD));
    return out.build();
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
