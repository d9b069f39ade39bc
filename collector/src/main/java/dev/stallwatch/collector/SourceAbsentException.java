package dev.stallwatch.collector;

import java.io.IOException;

/**
 * A source has nothing to read on this machine (PSI missing on this kernel, no /dev/kmsg in a
 * capture). Not an error: the collector reports the source as ABSENT and keeps asking at its usual
 * pace, like {@link java.nio.file.NoSuchFileException} for a whole source.
 */
public final class SourceAbsentException extends IOException {

  private static final long serialVersionUID = 1L;

  public SourceAbsentException(String reason) {
    super(reason);
  }

  /**
   * No stack trace: an absent source is asked again every interval, and what is absent says all
   * there is to say.
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
