package dev.stallwatch.search;

/**
 * Progress of the indexer through what the topic held when it started (or when a partition was
 * added): {@code applied} of {@code total} records read.
 *
 * @param done true once every partition reached the end it had at assignment
 * @param failed true if the indexer stopped on an error and will not get there
 */
public record CatchUp(long applied, long total, boolean done, boolean failed) {

  /** 0..1; 1 when there was nothing to read. */
  public double fraction() {
    return total == 0 ? 1 : Math.min(1, applied / (double) total);
  }
}
