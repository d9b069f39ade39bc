package dev.stallwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A change on one host that should stop hangs, and the host's hang incidents before and after it.
 *
 * @param kind {@code reclaim-gradual-to-dropcache} or {@code resource-saver-off}
 * @param at event time of the inventory that showed the change
 * @param hangsBefore hang incidents opened in the observed time before the change (up to 30 days)
 * @param daysBefore how long the host was observed before the change, in days
 * @param hangsAfter hang incidents opened since the change
 * @param daysAfter how long the host has been observed since the change, in days
 */
public record Mitigation(
    String kind, Instant at, int hangsBefore, double daysBefore, int hangsAfter, double daysAfter) {

  public Mitigation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }
}
