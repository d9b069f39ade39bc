package dev.stallwatch.search;

import java.util.Locale;
import java.util.Set;

/**
 * Prepares what a user typed for Lucene's classic query syntax. People paste log lines ({@code
 * INFO: task apt-get:4711 blocked}, {@code Wsl/Service/E_UNEXPECTED}, {@code [ 1234.5] ...}), and
 * in that syntax a slash starts a regular expression, brackets a range and {@code word:} a field.
 * So, outside quotes, this escapes {@code / [ ] { }}, a colon unless the word before it is a field
 * of the index, a minus sign directly before a digit ({@code failed -1 11}), and one before a
 * shell's name and colon ({@code -bash: docker: command not found}) or a one-letter option ({@code
 * wsl -l -v}). Operators ({@code AND OR NOT + -}), quotes, parentheses, wildcards, {@code ~} and
 * {@code ^} keep their meaning.
 */
final class QueryText {

  /** Longer texts are refused: nobody types them, and they only make expensive queries. */
  static final int MAX_CHARS = 1000;

  private static final String ALWAYS_ESCAPED = "/[]{}";
  private static final String TERM_BOUNDARIES = "()\"";
  private static final String PREFIX_OPERATORS = "+-!";

  private QueryText() {}

  /**
   * The text to hand to the query parser.
   *
   * @throws QueryException if the text is empty, too long or has a quote that is never closed
   */
  static String prepare(String text) {
    return prepare(text, IndexFields.USER_FIELDS);
  }

  /**
   * The text to hand to the query parser, keeping {@code field:} only for {@code fields}.
   *
   * @throws QueryException if the text is empty, too long or has a quote that is never closed
   */
  static String prepare(String text, Set<String> fields) {
    if (text == null || text.isBlank()) {
      throw new QueryException("The query is empty; type the words to search for.");
    }
    if (text.length() > MAX_CHARS) {
      throw new QueryException(
          "The query is longer than %d characters; shorten it.".formatted(MAX_CHARS));
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        // Keep the user's own escapes; a trailing backslash escapes nothing, so escape it.
        out.append(c).append(i + 1 < text.length() ? text.charAt(++i) : '\\');
      } else if (c == '"') {
        quoted = !quoted;
        out.append(c);
      } else if (quoted) {
        out.append(c);
      } else if (c == '-' && atTermStart(out) && isPastedText(text, i + 1, fields)) {
        // "-bash: /usr/bin/docker: ..." is pasted output and "wsl -l -v" a command's options,
        // not "without bash" or "without l".
        out.append("\\-");
      } else {
        appendUnquoted(out, c, i + 1 < text.length() ? text.charAt(i + 1) : ' ', fields);
      }
    }
    if (quoted) {
      throw new QueryException("The query has a quote (\") that is never closed.");
    }
    return out.toString();
  }

  private static void appendUnquoted(StringBuilder out, char c, char next, Set<String> fields) {
    if (ALWAYS_ESCAPED.indexOf(c) >= 0) {
      out.append('\\').append(c);
    } else if (c == ':') {
      appendColon(out, fields);
    } else if (c == '^' && !Character.isDigit(next)
        || c == '?' && !isWordChar(next)
        || c == '~' && atTermStart(out)) {
      // "^C" typed after Ctrl-C, "running?" ending a question, "~/.wslconfig": text, not syntax.
      out.append('\\').append(c);
    } else if (c == '-' && Character.isDigit(next) && atTermStart(out)) {
      out.append("\\-");
    } else if (PREFIX_OPERATORS.indexOf(c) >= 0 && atTermStart(out) && !startsTerm(next)) {
      // "wsl --shutdown" or "apt - hang": an operator that applies to no term is just text.
      out.append('\\').append(c);
    } else {
      out.append(c);
    }
  }

  /** Keeps {@code field:} for a known field (lower-casing its name) and escapes any other colon. */
  private static void appendColon(StringBuilder out, Set<String> fields) {
    int start = out.length();
    while (start > 0 && !isBoundary(out.charAt(start - 1))) {
      start--;
    }
    while (start < out.length() && PREFIX_OPERATORS.indexOf(out.charAt(start)) >= 0) {
      start++;
    }
    String name = out.substring(start).toLowerCase(Locale.ROOT);
    String alias = IndexFields.FIELD_ALIASES.get(name);
    if (fields.contains(name)) {
      out.replace(start, out.length(), name).append(':');
    } else if (alias != null && fields.contains(alias)) {
      out.replace(start, out.length(), alias).append(':');
    } else {
      out.append("\\:");
    }
  }

  /**
   * Whether a minus before {@code from} starts pasted text rather than an exclusion: a shell's name
   * and colon ({@code -bash:}), or a one-letter option ({@code -l}, {@code -v}).
   */
  private static boolean isPastedText(String text, int from, Set<String> fields) {
    int end = from;
    while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
      end++;
    }
    boolean boundary = end == text.length() || Character.isWhitespace(text.charAt(end));
    boolean option = end == from + 1 && Character.isLetter(text.charAt(from)) && boundary;
    boolean shell =
        end > from
            && end < text.length()
            && text.charAt(end) == ':'
            && !isField(text.substring(from, end).toLowerCase(Locale.ROOT), fields);
    return option || shell;
  }

  private static boolean isField(String name, Set<String> fields) {
    String alias = IndexFields.FIELD_ALIASES.get(name);
    return fields.contains(name) || alias != null && fields.contains(alias);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '?';
  }

  private static boolean startsTerm(char next) {
    return !Character.isWhitespace(next) && PREFIX_OPERATORS.indexOf(next) < 0;
  }

  private static boolean atTermStart(StringBuilder out) {
    return out.isEmpty() || isBoundary(out.charAt(out.length() - 1));
  }

  private static boolean isBoundary(char c) {
    return Character.isWhitespace(c) || TERM_BOUNDARIES.indexOf(c) >= 0;
  }
}
