package dev.stallwatch.streams;

/**
 * A record that reads as an event but cannot be processed as one (its key is not its host). The
 * {@link DeadLetterHandler} sends it to the dead letters with this message as the reason.
 */
final class InvalidEventException extends RuntimeException {

  InvalidEventException(String message) {
    super(message);
  }
}
