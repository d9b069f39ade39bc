package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Severity;
import java.util.List;
import java.util.Optional;

/** The fallback: a hang no rule explains still becomes an incident, so it can be searched. */
final class UnexplainedHangRule implements HangRule {

  static final String ID = "unexplained-hang";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean clearsOnResourceSaverExit() {
    return false;
  }

  @Override
  public Optional<Explanation> explain(HangSignal signal, HostTimeline timeline) {
    return Optional.of(
        new Explanation(
            ID,
            "Hang with no known cause",
            Severity.WARNING,
            0.3,
            List.of("no rule matched this host's context and Resource Saver history"),
            List.of(),
            List.of(),
            "No known cause matched. Check the evidence lines; if it repeats, capture the machine"
                + " with stallwatch collect --capture and compare with the known issues.",
            Optional.empty()));
  }
}
