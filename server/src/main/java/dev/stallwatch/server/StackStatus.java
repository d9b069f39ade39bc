package dev.stallwatch.server;

import dev.stallwatch.streams.AnalyzerHealth;
import java.util.Optional;

/**
 * What the dashboard reports in {@code /healthz} about the parts that run beside it: the analyzer,
 * the hosts it knows, and where Kafka is. Each is empty when the server runs without it.
 */
public interface StackStatus {

  /** A server on its own: nothing beside it to report on. */
  StackStatus NONE =
      new StackStatus() {
        @Override
        public Optional<AnalyzerHealth> analyzer() {
          return Optional.empty();
        }

        @Override
        public Optional<Hosts> hosts() {
          return Optional.empty();
        }

        @Override
        public Optional<String> bootstrap() {
          return Optional.empty();
        }
      };

  /**
   * @param known hosts that ever sent an event
   * @param reporting of those, the ones not silent now
   */
  record Hosts(int known, int reporting) {}

  Optional<AnalyzerHealth> analyzer();

  /** Empty too while the analyzer's stores cannot be read (it is rebalancing). */
  Optional<Hosts> hosts();

  /** The Kafka bootstrap address collectors connect to. */
  Optional<String> bootstrap();
}
