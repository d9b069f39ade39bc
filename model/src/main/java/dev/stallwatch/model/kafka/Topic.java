package dev.stallwatch.model.kafka;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A stallwatch topic with the serdes of its keys and values, declared once in {@link Topics}.
 *
 * @param config topic-level settings applied when the topic is created
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    config = Map.copyOf(config);
  }

  public boolean compacted() {
    return "compact".equals(config.get("cleanup.policy"));
  }
}
