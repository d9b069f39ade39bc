package dev.stallwatch.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Weighs a word the synonym filter added below the word the user typed: {@code blocked} finds
 * incidents that say {@code hang}, but those that say {@code blocked} rank first.
 */
final class SynonymBoostFilter extends TokenFilter {

  static final float SYNONYM_BOOST = 0.6f;

  private final TypeAttribute type = addAttribute(TypeAttribute.class);
  private final BoostAttribute boost = addAttribute(BoostAttribute.class);

  SynonymBoostFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())) {
      boost.setBoost(SYNONYM_BOOST);
    }
    return true;
  }
}
