package dev.stallwatch.server.team;

/** A change that could not be stored; the API answers it with 503 and this message. */
public final class TeamLogException extends RuntimeException {

  public TeamLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
