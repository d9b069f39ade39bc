package dev.stallwatch.server.team;

import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;

/**
 * Where changes people make are recorded, so every server and every restart sees them. Each method
 * returns once the change is stored and applied to this server's {@link TeamState}.
 */
public interface TeamLog {

  /**
   * @throws TeamLogException when the change could not be stored; nothing was applied
   */
  void record(Silence silence);

  /**
   * @throws TeamLogException when the change could not be stored; nothing was applied
   */
  void record(IncidentAction action);

  /**
   * @throws TeamLogException when the entry could not be stored
   */
  void record(AuditEntry entry);

  /** A log for a server without Kafka: it refuses every change with one sentence. */
  TeamLog NONE =
      new TeamLog() {
        @Override
        public void record(Silence silence) {
          throw refused();
        }

        @Override
        public void record(IncidentAction action) {
          throw refused();
        }

        @Override
        public void record(AuditEntry entry) {
          throw refused();
        }

        private TeamLogException refused() {
          return new TeamLogException(
              "This server runs without Kafka, so it cannot record changes; run it with 'up'.",
              null);
        }
      };
}
