package dev.stallwatch.collector;

/**
 * Where a parser reports the lines it could not read while it goes on with the others. Live sources
 * log them; {@code stallwatch parse} prints them and exits 1 (2 when not one line could be read).
 */
@FunctionalInterface
public interface Problems {

  /** Ignores problems: for sources that only count on the lines they understand. */
  Problems IGNORE = (line, reason) -> {};

  /**
   * @param line 1-based line number in the input, 0 when the problem is with the whole input
   */
  void report(int line, String reason);
}
