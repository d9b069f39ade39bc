package dev.stallwatch.app.up;

import dev.stallwatch.model.HostState;
import dev.stallwatch.server.StackStatus;
import dev.stallwatch.streams.Analyzer;
import dev.stallwatch.streams.AnalyzerHealth;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** What {@code up}'s dashboard reports beside its index: its one analyzer and its broker. */
record LocalStackStatus(Analyzer localAnalyzer, String kafkaBootstrap) implements StackStatus {

  @Override
  public Optional<AnalyzerHealth> analyzer() {
    return Optional.of(localAnalyzer.health());
  }

  @Override
  public Optional<Hosts> hosts() {
    try {
      // up runs a single analyzer instance, so its stores hold every host.
      List<HostState> hosts = localAnalyzer.hostStates();
      int reporting = (int) hosts.stream().filter(h -> !h.silent()).count();
      return Optional.of(new Hosts(hosts.size(), reporting));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> bootstrap() {
    return Optional.of(kafkaBootstrap);
  }
}
