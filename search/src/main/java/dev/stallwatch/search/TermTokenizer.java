package dev.stallwatch.search;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text where people and logs split it, and nowhere else: letters, digits and {@code _} form
 * words, and {@code - . / \ : = #} between them join words into one term. So {@code
 * Wsl/Service/E_UNEXPECTED}, {@code /sys/fs/cgroup/memory.reclaim}, {@code 2.5.7.0}, {@code
 * apt-get:4711} and {@code autoMemoryReclaim=gradual} each stay one term, while sentence
 * punctuation ({@code forever.}, {@code "quoted"}, {@code (paren)}) is dropped. {@link
 * CompoundPartsFilter} adds the parts of such terms. Hand-written rather than a regular expression
 * because it runs on every incident at index time.
 */
final class TermTokenizer extends Tokenizer {

  /** Longer runs (a hex dump, a base64 blob) are cut: nobody searches for them whole. */
  static final int MAX_TOKEN_CHARS = 255;

  private static final String JOINERS = "-./\\:=#";
  private static final int BUFFER = 4096;

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final char[] buffer = new char[BUFFER];
  private int length;
  private int position;
  private int consumed;

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || Character.isSurrogate(c);
  }

  static boolean isJoiner(char c) {
    return JOINERS.indexOf(c) >= 0;
  }

  @Override
  public boolean incrementToken() throws IOException {
    clearAttributes();
    int c;
    do {
      c = next();
      if (c < 0) {
        return false;
      }
    } while (!isWordChar((char) c));
    int start = consumed - 1;
    char[] out = term.resizeBuffer(MAX_TOKEN_CHARS);
    int len = 0;
    int lastWord = 0;
    while (c >= 0 && (isWordChar((char) c) || isJoiner((char) c))) {
      if (len < MAX_TOKEN_CHARS) {
        out[len++] = (char) c;
        if (isWordChar((char) c)) {
          lastWord = len;
        }
      }
      c = next();
    }
    int endOfRun = c < 0 ? consumed : consumed - 1;
    // Joiners at the end belong to the sentence, not the term: "forever." or "path/".
    int trailing = len - lastWord;
    term.setLength(lastWord);
    int end = len == MAX_TOKEN_CHARS ? start + lastWord : endOfRun - trailing;
    offset.setOffset(correctOffset(start), correctOffset(end));
    return true;
  }

  private int next() throws IOException {
    if (position >= length) {
      length = input.read(buffer, 0, BUFFER);
      position = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    consumed++;
    return buffer[position++];
  }

  @Override
  public void end() throws IOException {
    super.end();
    int end = correctOffset(consumed);
    offset.setOffset(end, end);
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    length = 0;
    position = 0;
    consumed = 0;
  }
}
