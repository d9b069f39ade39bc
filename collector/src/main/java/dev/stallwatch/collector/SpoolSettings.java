package dev.stallwatch.collector;

import java.util.Objects;

/**
 * How much the disk spool may hold and when it forces records to disk.
 *
 * @param maxBytes size limit of the spool; past it the oldest records are dropped and counted
 */
public record SpoolSettings(long maxBytes, FsyncPolicy fsync) {

  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  public SpoolSettings {
    if (maxBytes < 64 * 1024) {
      throw new IllegalArgumentException("spool maxBytes must be at least 64 KiB, was " + maxBytes);
    }
    Objects.requireNonNull(fsync, "fsync");
  }

  public static SpoolSettings defaults() {
    return new SpoolSettings(DEFAULT_MAX_BYTES, FsyncPolicy.INTERVAL);
  }
}
