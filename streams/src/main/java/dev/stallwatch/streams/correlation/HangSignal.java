package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * Something on a host stopped making progress, dated from when it started (not from when it was
 * reported: a hung-task message comes N seconds after the task blocked).
 *
 * @param onset when the hang began
 * @param evidence the event that shows it
 */
record HangSignal(Instant onset, Evidence evidence) {

  /** The hang an event reports, if it reports one. */
  static Optional<HangSignal> of(TelemetryEvent event) {
    return switch (event) {
      case HungTask hung ->
          Optional.of(
              new HangSignal(
                  hung.onset(),
                  new Evidence(
                      hung.id(),
                      hung.type(),
                      hung.ts(),
                      "%s:%d blocked for more than %d s"
                          .formatted(hung.comm(), hung.pid(), hung.blockedSeconds()),
                      hung.line())));
      case AptStall stall when stall.phase() == AptStall.Phase.STALLED ->
          Optional.of(
              new HangSignal(
                  stall.lastProgress(),
                  new Evidence(
                      stall.id(),
                      stall.type(),
                      stall.ts(),
                      "%s made no progress for %d s"
                          .formatted(describe(stall.commandline()), stall.stalledSeconds()),
                      stall.lastLine())));
      default -> Optional.empty();
    };
  }

  private static String describe(String commandline) {
    return commandline == null || commandline.isBlank() ? "an apt run" : commandline;
  }
}
