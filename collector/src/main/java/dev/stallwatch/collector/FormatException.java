package dev.stallwatch.collector;

import java.io.IOException;

/** Text a source read is not in the format it expects; the message says which file and why. */
public final class FormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public FormatException(String message) {
    super(message);
  }
}
