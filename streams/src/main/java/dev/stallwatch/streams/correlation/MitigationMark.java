package dev.stallwatch.streams.correlation;

import java.time.Instant;

/** A host changed its setup in a way that should stop hangs. */
public record MitigationMark(String kind, Instant at) {

  public static final String RECLAIM_TO_DROPCACHE = "reclaim-gradual-to-dropcache";
  public static final String RESOURCE_SAVER_OFF = "resource-saver-off";
}
