package dev.stallwatch.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis of the incident index, used both to index and to parse queries so the two agree.
 * Text keeps versions ({@code 4.43.0}), hex codes ({@code 0x800703e3}) and {@code E_UNEXPECTED} as
 * single tokens, which is what the standard tokenizer already does.
 */
final class Analyzers {

  /** Keeps a phrase from matching across two values of a multi-valued field (two log lines). */
  private static final int GAP_BETWEEN_VALUES = 100;

  private Analyzers() {}

  /** The per-field analyzer of the incident index; the caller closes it. */
  static Analyzer incidents() {
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put(IncidentFields.ID, new KeywordAnalyzer());
    Analyzer lowerCaseKeyword = new LowerCaseKeywordAnalyzer();
    for (String field : IncidentFields.LOWER_CASE_KEYWORDS) {
      perField.put(field, lowerCaseKeyword);
    }
    return new PerFieldAnalyzerWrapper(new TextAnalyzer(), perField);
  }

  /** Words of free text, lower-cased. */
  static final class TextAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return GAP_BETWEEN_VALUES;
    }
  }

  /** The whole value as one lower-cased token, so {@code host:DEV-LAPTOP-07} still matches. */
  static final class LowerCaseKeywordAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new KeywordTokenizer();
      return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
