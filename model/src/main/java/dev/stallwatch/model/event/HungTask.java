package dev.stallwatch.model.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The kernel's {@code INFO: task COMM:PID blocked for more than N seconds.}. The envelope's {@code
 * ts} is the message time; the task has been blocked since {@link #onset()}.
 */
public record HungTask(Envelope envelope, String comm, int pid, long blockedSeconds, String line)
    implements TelemetryEvent {

  public HungTask {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(comm, "comm");
    EventBounds.requireDuration("blockedSeconds", blockedSeconds, Duration.ofSeconds(1));
  }

  /** When the task started to block: message time minus the blocked seconds. */
  public Instant onset() {
    return envelope.ts().minusSeconds(blockedSeconds);
  }
}
