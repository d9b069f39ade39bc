package dev.stallwatch.search;

import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns search text into a Lucene query: Lucene's classic syntax on the text prepared by {@link
 * QueryText}, words without a field searched in every text field of the kind of document (for
 * incidents the title first, for known issues the error strings first), any word enough to match
 * ({@code OR}), ranked by relevance. Runs of words are analyzed together, so multi-word synonyms
 * ({@code resource saving} for {@code Resource Saver}) are found; compound terms such as {@code
 * apt-get} stay one term (see {@link TermTokenizer}).
 */
final class IncidentQueryParser {

  private final Analyzer analyzer;
  private final Map<String, Float> boosts;
  private final Set<String> userFields;

  /** The parser of incident queries. */
  IncidentQueryParser(Analyzer analyzer) {
    this(analyzer, IndexFields.INCIDENT_BOOSTS, IndexFields.USER_FIELDS);
  }

  IncidentQueryParser(Analyzer analyzer, Map<String, Float> boosts, Set<String> userFields) {
    this.analyzer = analyzer;
    this.boosts = boosts;
    this.userFields = userFields;
  }

  /** The parser of knowledge base queries, where no field can be named. */
  static IncidentQueryParser forKnowledge(Analyzer analyzer) {
    return new IncidentQueryParser(analyzer, IndexFields.ISSUE_BOOSTS, Set.of());
  }

  /**
   * The query for what a user typed.
   *
   * @throws QueryException with one sentence saying what is wrong with the text
   */
  Query parse(String text) {
    String prepared = QueryText.prepare(text, userFields);
    try {
      return matchAllWhenOnlyExcluding(newParser().parse(prepared));
    } catch (ParseException e) {
      throw new QueryException(explain(e));
    }
  }

  private QueryParser newParser() {
    // A parser keeps state between calls and is not thread-safe: one per query.
    var parser =
        new MultiFieldQueryParser(boosts.keySet().toArray(String[]::new), analyzer, boosts);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    parser.setSplitOnWhitespace(false);
    parser.setAutoGeneratePhraseQueries(false);
    parser.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
    parser.setAllowLeadingWildcard(false);
    return parser;
  }

  /** {@code -apt} alone means "everything but apt", which Lucene would read as "nothing". */
  private static Query matchAllWhenOnlyExcluding(Query query) {
    if (query instanceof BooleanQuery bool
        && !bool.clauses().isEmpty()
        && bool.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT)) {
      var builder =
          new BooleanQuery.Builder().add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.MUST);
      bool.clauses().forEach(builder::add);
      return builder.build();
    }
    return query;
  }

  /** One sentence for the user; Lucene's own messages list grammar tokens nobody can act on. */
  static String explain(ParseException wrapped) {
    Throwable cause = wrapped.getCause() == null ? wrapped : wrapped.getCause();
    if (cause instanceof TokenMgrError) {
      return "The query contains a character that cannot be searched; put that text in quotes.";
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return "The query has too many terms; make it shorter or more specific.";
    }
    if (cause instanceof ParseException syntax && syntax.currentToken != null) {
      Token next = syntax.currentToken.next;
      if (next == null || next.kind == QueryParserConstants.EOF) {
        return "The query ends too early; finish or remove its last operator, field or"
            + " parenthesis.";
      }
      return "The query has an unexpected '%s'; put it in quotes or remove it."
          .formatted(next.image);
    }
    String message = String.valueOf(cause.getMessage());
    if (message.contains("not allowed as first character")) {
      return "A search term cannot start with * or ?; put at least one letter before it.";
    }
    return "The query could not be understood; check its quotes, parentheses and operators.";
  }
}
