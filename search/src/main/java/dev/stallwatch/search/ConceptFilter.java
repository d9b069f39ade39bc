package dev.stallwatch.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Adds after a word of a synonym group, or after the last word of a phrase of one, the group's
 * concept term at the same position (see {@link Concepts}). When a phrase ends on a word that is
 * also a member of another group, the phrase's concept is the one added. Unlike a synonym graph it
 * never rearranges positions, so it costs a map lookup per word, and the index needs no graph
 * flattening.
 */
final class ConceptFilter extends TokenFilter {

  static final String TYPE = "concept";

  private final Concepts concepts;
  private final float boost;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private final BoostAttribute boostAttribute = addAttribute(BoostAttribute.class);
  private final Deque<String> recent = new ArrayDeque<>();
  private String pending;

  /**
   * @param boost of each concept term: below 1 in queries, so the word the user typed ranks first
   */
  ConceptFilter(TokenStream input, Concepts concepts, float boost) {
    super(input);
    this.concepts = concepts;
    this.boost = boost;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (pending != null) {
      term.setEmpty().append(pending);
      posInc.setPositionIncrement(0);
      keyword.setKeyword(true);
      type.setType(TYPE);
      boostAttribute.setBoost(boost);
      pending = null;
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    // A phrase is the more specific reading: "docker sleeping" is Docker Desktop's Resource
    // Saver, while "sleeping" alone is the PC's sleep.
    String phrase = phraseEndingHere();
    pending = phrase != null ? phrase : concepts.ofWord(term.buffer(), term.length());
    return true;
  }

  /** Remembers the words that may belong to a phrase and says whether one just ended. */
  private String phraseEndingHere() {
    if (posInc.getPositionIncrement() == 0) {
      return null;
    }
    if (!concepts.inSomePhrase(term.buffer(), term.length())) {
      recent.clear();
      return null;
    }
    recent.addLast(term.toString());
    while (recent.size() > concepts.longestPhrase()) {
      recent.removeFirst();
    }
    List<String> words = new ArrayList<>(recent);
    for (int start = 0; start < words.size() - 1; start++) {
      String concept = concepts.ofPhrase(words.subList(start, words.size()));
      if (concept != null) {
        return concept;
      }
    }
    return null;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    recent.clear();
    pending = null;
  }
}
