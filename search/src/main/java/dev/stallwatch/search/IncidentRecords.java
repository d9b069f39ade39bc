package dev.stallwatch.search;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MalformedRecordException;
import dev.stallwatch.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one raw record of {@code stallwatch.incidents} to the index: a value upserts the
 * incident, a tombstone (null value) deletes it. A record that cannot be read or indexed is logged
 * with its coordinates and skipped, so one bad record costs that record only.
 */
final class IncidentRecords {

  enum Outcome {
    UPSERTED,
    DELETED,
    SKIPPED
  }

  private static final Logger LOG = LoggerFactory.getLogger(IncidentRecords.class);

  private final IncidentIndex index;
  private final Deserializer<String> keys = Topics.INCIDENTS.keySerde().deserializer();
  private final Deserializer<Incident> values = Topics.INCIDENTS.valueSerde().deserializer();

  IncidentRecords(IncidentIndex index) {
    this.index = index;
  }

  Outcome apply(ConsumerRecord<byte[], byte[]> record) {
    String key = keys.deserialize(record.topic(), record.key());
    if (record.value() == null) {
      if (key == null) {
        return skip(record, "tombstone without a key");
      }
      index.delete(key);
      return Outcome.DELETED;
    }
    Incident incident;
    try {
      incident = values.deserialize(record.topic(), record.value());
    } catch (MalformedRecordException e) {
      return skip(record, e.getMessage());
    }
    if (key != null && !key.equals(incident.id())) {
      // A later tombstone for this key could never delete the incident: refuse it now.
      return skip(record, "key '%s' is not the incident id '%s'".formatted(key, incident.id()));
    }
    try {
      index.upsert(incident);
    } catch (IllegalArgumentException e) {
      return skip(record, "cannot be indexed: " + e.getMessage());
    }
    return Outcome.UPSERTED;
  }

  private static Outcome skip(ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.warn(
        "skipped record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    return Outcome.SKIPPED;
  }
}
