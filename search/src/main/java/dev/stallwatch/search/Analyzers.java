package dev.stallwatch.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis of the index. Text is split by {@link TermTokenizer} (error codes, paths, versions
 * and process names stay whole), lower-cased, stripped of English stop words and stemmed (KStem,
 * plain words only). Both at index and at query time every word or phrase of a synonym group gets
 * its group's concept term too ({@link Concepts}: hang / freeze / stuck, Resource Saver / pause /
 * energy saver, autoMemoryReclaim / memory reclaim / gradual), at a lower boost in queries. At
 * index time {@link CompoundPartsFilter} adds the parts of compound terms; at query time those
 * parts come with a lower boost.
 */
final class Analyzers {

  /** Keeps a phrase from matching across two values of a multi-valued field (two log lines). */
  private static final int GAP_BETWEEN_VALUES = 100;

  /** A concept ranks below the word the user typed: {@code blocked} finds a hang, first its own. */
  static final float CONCEPT_BOOST = 0.6f;

  /**
   * Lucene's English stop words, plus the words of time and person that questions are made of ("wsl
   * hangs when docker is idle", "after my laptop woke"): they tell no issue from another, yet a
   * symptom that happened to say "when" outranked one about the same fault.
   */
  private static final CharArraySet STOP_WORDS = stopWords();

  private static final Concepts CONCEPTS = Concepts.load(Analyzers::words);

  private Analyzers() {}

  private static CharArraySet stopWords() {
    CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
    words.addAll(
        List.of(
            "when",
            "whenever",
            "while",
            "after",
            "before",
            "during",
            "until",
            "since",
            "i",
            "me",
            "my",
            "we",
            "our",
            "you",
            "your"));
    return CharArraySet.unmodifiableSet(words);
  }

  /** The per-field analyzer that writes the index (and re-analyzes text for highlighting). */
  static Analyzer index() {
    return perField(new TextAnalyzer(false));
  }

  /** The per-field analyzer of queries typed by users. */
  static Analyzer query() {
    return perField(new TextAnalyzer(true));
  }

  private static Analyzer perField(Analyzer text) {
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put(IndexFields.ID, new KeywordAnalyzer());
    perField.put(IndexFields.KIND, new KeywordAnalyzer());
    perField.put(IndexFields.KB_ID_TEXT, new IssueIdAnalyzer());
    Analyzer lowerCaseKeyword = new LowerCaseKeywordAnalyzer();
    for (String field : IndexFields.LOWER_CASE_KEYWORDS) {
      perField.put(field, lowerCaseKeyword);
    }
    return new PerFieldAnalyzerWrapper(text, perField);
  }

  /** The analyzed words of a synonym phrase, as query and index words are analyzed. */
  private static List<String> words(String phrase) {
    List<String> out = new ArrayList<>();
    try (Analyzer rules = new RuleAnalyzer();
        TokenStream stream = rules.tokenStream("", phrase)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyze the synonym '" + phrase + "'", e);
    }
    return out;
  }

  /** Words of free text; with {@code forQueries}, synonyms expanded and parts boosted lower. */
  static final class TextAnalyzer extends Analyzer {

    private final boolean forQueries;

    TextAnalyzer(boolean forQueries) {
      this.forQueries = forQueries;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new TermTokenizer();
      TokenStream stream = words(tokenizer);
      if (forQueries) {
        stream = new ConceptFilter(stream, CONCEPTS, CONCEPT_BOOST);
        stream = new CompoundPartsFilter(stream, CompoundPartsFilter.Mode.QUERY);
      } else {
        stream = new ConceptFilter(stream, CONCEPTS, 1f);
        stream = new CompoundPartsFilter(stream, CompoundPartsFilter.Mode.INDEX);
      }
      return new TokenStreamComponents(tokenizer, stream);
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

  /** The chain up to stemming, shared by text and by the synonym rules. */
  private static TokenStream words(Tokenizer tokenizer) {
    TokenStream stream = new LowerCaseFilter(tokenizer);
    stream = new StopFilter(stream, STOP_WORDS);
    stream = new ProtectFilter(stream);
    return new KStemFilter(stream);
  }

  /** Analyzes synonym rules exactly as query words are analyzed before the synonym filter. */
  private static final class RuleAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new TermTokenizer();
      return new TokenStreamComponents(tokenizer, words(tokenizer));
    }
  }

  /** A known issue's id as {@code owner/repo#n}, {@code repo#n} and {@code n}, nothing else. */
  static final class IssueIdAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new TermTokenizer();
      return new TokenStreamComponents(
          tokenizer, new IssueIdFilter(new LowerCaseFilter(tokenizer)));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
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
