package dev.stallwatch.app.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulated fleet's event time. At start it backfills the recent past quickly: the last {@code
 * backfill} of history plays {@code speed} times faster than real time, so the first incidents show
 * up within seconds; after that, simulated time runs at real speed, a little behind the wall clock,
 * so every event is dated in the past like a real collector's.
 */
final class DemoClock {

  private final Clock wall;
  private final Instant realStart;
  private final Instant simStart;
  private final Duration backfill;
  private final int speed;

  DemoClock(Clock wall, Duration backfill, int speed) {
    this(wall, wall.instant(), backfill, speed);
  }

  /**
   * A clock that started at {@code realStart}, possibly in an earlier run, so that a restarted
   * fleet dates the rest of its scenario as the first run would have.
   */
  DemoClock(Clock wall, Instant realStart, Duration backfill, int speed) {
    this.wall = wall;
    this.realStart = realStart;
    this.simStart = realStart.minus(backfill);
    this.backfill = backfill;
    this.speed = speed;
  }

  /** Simulated time now. */
  Instant now() {
    return simTimeAt(wall.instant());
  }

  /** When, in real time, the simulated instant comes (its past is "now"). */
  Instant realTimeOf(Instant simInstant) {
    Duration sim = Duration.between(simStart, simInstant);
    if (sim.isNegative()) {
      return realStart;
    }
    if (sim.compareTo(backfill) <= 0) {
      return realStart.plus(sim.dividedBy(speed));
    }
    return realStart.plus(backfill.dividedBy(speed)).plus(sim.minus(backfill));
  }

  Instant simStart() {
    return simStart;
  }

  private Instant simTimeAt(Instant real) {
    Duration elapsed = Duration.between(realStart, real);
    Duration fast = backfill.dividedBy(speed);
    if (elapsed.compareTo(fast) <= 0) {
      return simStart.plus(elapsed.multipliedBy(speed));
    }
    return simStart.plus(backfill).plus(elapsed.minus(fast));
  }
}
