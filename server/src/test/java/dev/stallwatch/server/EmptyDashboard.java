package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.stream.StreamEventType;
import dev.stallwatch.streams.AnalyzerHealth;
import java.io.IOException;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server with no incident yet, beside a stack whose hosts and Kafka address a test sets
 * as an analyzer would report them.
 */
final class EmptyDashboard implements AutoCloseable {

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final DashboardServer server;
  private volatile StackStatus.Hosts hosts;

  /**
   * @param hosts what the analyzer knows of the hosts, or null when the server runs without one
   * @param bootstrap the Kafka address, or null
   */
  EmptyDashboard(StackStatus.Hosts hosts, String bootstrap) {
    this.hosts = hosts;
    index.refresh();
    StackStatus stack =
        hosts == null
            ? StackStatus.NONE
            : new StackStatus() {
              @Override
              public Optional<AnalyzerHealth> analyzer() {
                return Optional.empty();
              }

              @Override
              public Optional<Hosts> hosts() {
                return Optional.of(EmptyDashboard.this.hosts);
              }

              @Override
              public Optional<String> bootstrap() {
                return Optional.ofNullable(bootstrap);
              }
            };
    server = new DashboardServer(index, stack);
    server.start("127.0.0.1", 0);
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** The first incident arrives, and the event stream tells the page. */
  void add(Incident incident) {
    index.upsert(incident);
    index.refresh();
    server.stream().publish(StreamEventType.INCIDENT, incident);
  }

  @Override
  public void close() throws IOException {
    server.close();
    index.close();
    directory.close();
  }
}
