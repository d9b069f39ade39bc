package dev.stallwatch.search;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Keeps of lower-cased words only what names a known issue: {@code owner/repo#n}, followed at the
 * same position by {@code repo#n} and {@code n}; a bare {@code repo#n} with {@code n}; a bare
 * number. Everything else is dropped. The words of a repository's name ({@code docker}, {@code
 * desktop} of {@code desktop-feedback}, {@code wsl}) are not symptoms: split into parts, they made
 * "docker desktop" in a question favour the issues of docker/desktop-feedback.
 */
final class IssueIdFilter extends TokenFilter {

  private static final Pattern ID = Pattern.compile("(?:[^/#\\s]+/)?([^/#\\s]+)#(\\d+)");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final Deque<String> stacked = new ArrayDeque<>();
  private int skippedPositions;

  IssueIdFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!stacked.isEmpty()) {
      term.setEmpty().append(stacked.removeFirst());
      posInc.setPositionIncrement(0);
      return true;
    }
    while (input.incrementToken()) {
      String text = term.toString();
      Matcher id = ID.matcher(text);
      if (id.matches() || NUMBER.matcher(text).matches()) {
        if (id.matches()) {
          String inRepo = id.group(1) + "#" + id.group(2);
          if (!inRepo.equals(text)) {
            stacked.add(inRepo);
          }
          stacked.add(id.group(2));
        }
        posInc.setPositionIncrement(posInc.getPositionIncrement() + skippedPositions);
        skippedPositions = 0;
        return true;
      }
      skippedPositions += posInc.getPositionIncrement();
    }
    return false;
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    stacked.clear();
    skippedPositions = 0;
  }
}
