package dev.stallwatch.model;

/**
 * A record on a stallwatch topic that cannot be read. The message names the problem (not JSON, a
 * missing field, an unknown type, a value of the wrong kind) so it can be put in a dead letter.
 */
public final class MalformedRecordException extends RuntimeException {

  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
