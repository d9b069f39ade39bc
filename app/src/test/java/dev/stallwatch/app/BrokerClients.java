package dev.stallwatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for integration tests: read a whole topic, send raw text. */
final class BrokerClients {

  private final String bootstrap;

  BrokerClients(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  Map<String, Object> client(String id) {
    return Map.of("bootstrap.servers", bootstrap, "client.id", "it-" + id);
  }

  /**
   * A collector's producer settings, waiting up to 10 s for the broker's metadata: the 500 ms a
   * collector allows itself is too short for a broker that shares two busy cores with the build.
   */
  Map<String, Object> producer(String id) {
    Map<String, Object> config = new HashMap<>(client(id));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return config;
  }

  /** Every committed record of the topic, from the beginning to its current end. */
  List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> config = new HashMap<>(client("reader-" + topic));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      var partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }

  /** Sends each (key, text) in order, as a collector with a broken writer would. */
  void sendRaw(String topic, List<Map.Entry<String, String>> records) throws Exception {
    Map<String, Object> config = new HashMap<>(client("raw"));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (Map.Entry<String, String> record : records) {
        producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
      }
    }
  }
}
