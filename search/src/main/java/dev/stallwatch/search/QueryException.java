package dev.stallwatch.search;

/**
 * A search text that cannot be turned into a query. The message is one sentence meant for the
 * person who typed the text; it never carries parser internals.
 */
public final class QueryException extends RuntimeException {

  public QueryException(String message) {
    super(message);
  }
}
