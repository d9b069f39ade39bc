package dev.stallwatch.app.diagnose;

import dev.stallwatch.app.diagnose.CaptureEvents.Sourced;
import dev.stallwatch.model.event.AptStall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * apt writes each run to both its logs: a {@code term.log} block with the output and a {@code
 * history.log} block with the command line, both starting the moment the run does. A run left open
 * in both is one stall, not two: it keeps the output's last line and the command line.
 */
final class AptStalls {

  /** Two blocks starting this close are the same run. */
  static final Duration SAME_RUN = Duration.ofMinutes(1);

  private AptStalls() {}

  static List<Sourced> merge(List<Sourced> term, List<Sourced> history) {
    List<Sourced> unmatched = new ArrayList<>(history);
    List<Sourced> merged = new ArrayList<>();
    for (Sourced output : term) {
      Optional<Sourced> command =
          unmatched.stream().filter(h -> sameRun(output.event(), h.event())).findFirst();
      if (command.isEmpty()) {
        merged.add(output);
        continue;
      }
      unmatched.remove(command.get());
      AptStall fromTerm = (AptStall) output.event();
      AptStall fromHistory = (AptStall) command.get().event();
      boolean historyFirst = fromHistory.lastProgress().isBefore(fromTerm.lastProgress());
      merged.add(
          new Sourced(
              output.file(),
              output.index(),
              new AptStall(
                  fromTerm.envelope(),
                  fromTerm.phase(),
                  fromHistory.commandline(),
                  historyFirst ? fromHistory.lastProgress() : fromTerm.lastProgress(),
                  Math.max(fromTerm.stalledSeconds(), fromHistory.stalledSeconds()),
                  fromTerm.lastLine() != null ? fromTerm.lastLine() : fromHistory.lastLine())));
    }
    merged.addAll(unmatched);
    return merged;
  }

  private static boolean sameRun(Object a, Object b) {
    return a instanceof AptStall x
        && b instanceof AptStall y
        && x.lastProgress() != null
        && y.lastProgress() != null
        && Duration.between(x.lastProgress(), y.lastProgress()).abs().compareTo(SAME_RUN) <= 0;
  }
}
