package dev.stallwatch.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.search.BoostAttribute;

/**
 * Adds, after a compound term from {@link TermTokenizer}, its parts: the segments between {@code /
 * \ : = #} and the words between {@code - . _} (a dot between digits stays, so {@code
 * 5.15.167.4-microsoft} gives {@code 5.15.167.4} and {@code microsoft}). So {@code E_UNEXPECTED}
 * finds {@code Wsl/Service/E_UNEXPECTED} and {@code memory.reclaim} finds the full path. Parts take
 * positions of their own, the same at index and query time, so a quoted phrase that holds a
 * compound still matches; and at query time each part is its own lower-boosted clause, so the whole
 * term keeps its own (rarer, higher) weight instead of sharing that of a common part such as {@code
 * wsl}. At index time versions also get their shorter prefixes at the same position ({@code 4.42.0}
 * gives {@code 4.42}), so a partial version typed in a query matches. Compounds and their parts are
 * keywords: no stemmer changes them.
 */
final class CompoundPartsFilter extends TokenFilter {

  enum Mode {
    INDEX,
    QUERY
  }

  static final float SEGMENT_BOOST = 0.5f;
  static final float WORD_BOOST = 0.3f;
  private static final String SEGMENT_SEPARATORS = "/\\:=#";

  private record Part(String text, float boost, boolean stacked) {}

  private final Mode mode;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
  private final BoostAttribute boost = addAttribute(BoostAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final Deque<Part> pending = new ArrayDeque<>();
  // Parts point at the whole compound in the text; set directly rather than by cloning state.
  private int startOffset;
  private int endOffset;

  CompoundPartsFilter(TokenStream input, Mode mode) {
    super(input);
    this.mode = mode;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      clearAttributes();
      Part part = pending.poll();
      offset.setOffset(startOffset, endOffset);
      term.setEmpty().append(part.text());
      posInc.setPositionIncrement(part.stacked() ? 0 : 1);
      keyword.setKeyword(true);
      boost.setBoost(mode == Mode.QUERY ? part.boost() : 1f);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    // Only a protected term (it has a digit or a joiner) can be a compound: skip plain words fast.
    if (keyword.isKeyword() && isCompound(term)) {
      keyword.setKeyword(true);
      parts(term.toString()).forEach(pending::add);
      startOffset = offset.startOffset();
      endOffset = offset.endOffset();
    }
    return true;
  }

  private static boolean isCompound(CharTermAttribute term) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      if (c == '_' || TermTokenizer.isJoiner(c)) {
        return true;
      }
    }
    return false;
  }

  private List<Part> parts(String whole) {
    Set<String> seen = new LinkedHashSet<>();
    seen.add(whole);
    List<Part> out = new ArrayList<>();
    List<String> segments = split(whole, true);
    if (segments.size() > 1) {
      for (String segment : segments) {
        addPart(out, seen, segment, SEGMENT_BOOST, false);
      }
    }
    for (String segment : segments) {
      for (String word : split(segment, false)) {
        addPart(out, seen, word, WORD_BOOST, false);
      }
    }
    if (mode == Mode.INDEX) {
      versionPrefixes(whole, out, seen);
      for (String segment : segments) {
        versionPrefixes(segment, out, seen);
      }
    }
    return out;
  }

  private static void addPart(
      List<Part> out, Set<String> seen, String text, float boost, boolean stacked) {
    if (!text.isEmpty() && seen.add(text)) {
      out.add(new Part(text, boost, stacked));
    }
  }

  /** {@code 2.5.7.0} also as {@code 2.5} and {@code 2.5.7}. */
  private static void versionPrefixes(String text, List<Part> out, Set<String> seen) {
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
        if (dots >= 2) {
          addPart(out, seen, text.substring(0, i), 1f, true);
        }
      } else if (!Character.isDigit(c)) {
        return;
      }
    }
  }

  /** Splits on segment separators, or else on word separators (keeping dots between digits). */
  private static List<String> split(String text, boolean segments) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || isSeparator(text, i, segments)) {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isSeparator(String text, int i, boolean segments) {
    char c = text.charAt(i);
    if (segments) {
      return SEGMENT_SEPARATORS.indexOf(c) >= 0;
    }
    if (c == '.') {
      boolean digitsAround =
          i > 0
              && i + 1 < text.length()
              && Character.isDigit(text.charAt(i - 1))
              && Character.isDigit(text.charAt(i + 1));
      return !digitsAround;
    }
    return c == '-' || c == '_' || SEGMENT_SEPARATORS.indexOf(c) >= 0;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
  }
}
