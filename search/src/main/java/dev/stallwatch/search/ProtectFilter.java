package dev.stallwatch.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Marks every term that is not a plain word (it has a digit, {@code _} or a joiner) as a keyword,
 * so the stemmer leaves error codes, versions, paths and process names as they are.
 */
final class ProtectFilter extends TokenFilter {

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  ProtectFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    for (int i = 0; i < term.length(); i++) {
      if (!Character.isLetter(term.charAt(i))) {
        keyword.setKeyword(true);
        break;
      }
    }
    return true;
  }
}
