package dev.stallwatch.streams.correlation.rules;

import java.time.Duration;

/**
 * How sure a rule is, and what makes it surer. Each bonus is added once, with its reason; the sum
 * is capped at 0.99.
 *
 * @param base confidence when the rule matches at all
 * @param onsetAfterEntry the hang began within this long after Resource Saver was entered
 * @param clearedAfterExit the hang cleared within this long after Resource Saver ended
 * @param recentReclaim WSL reclaimed memory within this long before the hang
 * @param perAgreeingSignal added per further kind of hang signal that joins the incident
 */
public record ConfidenceModel(
    double base,
    Bonus onsetAfterEntry,
    Bonus clearedAfterExit,
    Bonus recentReclaim,
    double perAgreeingSignal) {

  public static final double MAX = 0.99;

  /** A bonus earned when something happens within a time. */
  public record Bonus(Duration within, double add) {}
}
