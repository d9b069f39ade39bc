package dev.stallwatch.app;

import dev.stallwatch.app.broker.TopicProvisioner;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node embedded KRaft broker for the analyzer's integration tests, with stallwatch's
 * topics created as {@code stallwatch up} creates them (3 partitions).
 */
final class AnalyzerBroker {

  private AnalyzerBroker() {}

  static EmbeddedKafkaKraftBroker start() throws Exception {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
    // exactly_once_v2 needs the transaction log, which defaults to three replicas.
    broker.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0"));
    broker.afterPropertiesSet();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
      new TopicProvisioner(admin).ensureTopics(3, Optional.empty());
    }
    return broker;
  }
}
