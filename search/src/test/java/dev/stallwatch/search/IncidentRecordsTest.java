package dev.stallwatch.search;

import static dev.stallwatch.search.SampleIncidents.APT_HANG_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentRecordsTest {

  private static final String TOPIC = Topics.INCIDENTS.name();

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final IncidentRecords records = new IncidentRecords(index);
  private long nextOffset;

  @AfterEach
  void closeIndex() throws Exception {
    index.close();
    directory.close();
  }

  private ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(TOPIC, 0, nextOffset++, keyBytes, value);
  }

  private ConsumerRecord<byte[], byte[]> record(Incident incident) {
    byte[] value = Topics.INCIDENTS.valueSerde().serializer().serialize(TOPIC, incident);
    return record(incident.id(), value);
  }

  private IncidentRecords.Outcome applyAndRefresh(ConsumerRecord<byte[], byte[]> record) {
    IncidentRecords.Outcome outcome = records.apply(record);
    index.refresh();
    return outcome;
  }

  @Test
  void incidentVersionIsUpserted() {
    assertThat(applyAndRefresh(record(SampleIncidents.aptHangOnLaptop())))
        .isEqualTo(IncidentRecords.Outcome.UPSERTED);
    assertThat(applyAndRefresh(record(SampleIncidents.aptHangResolved())))
        .isEqualTo(IncidentRecords.Outcome.UPSERTED);

    assertThat(index.count()).isEqualTo(1);
    assertThat(index.get(APT_HANG_ID)).contains(SampleIncidents.aptHangResolved());
  }

  @Test
  void tombstoneDeletesTheIncident() {
    applyAndRefresh(record(SampleIncidents.aptHangOnLaptop()));

    assertThat(applyAndRefresh(record(APT_HANG_ID, null)))
        .isEqualTo(IncidentRecords.Outcome.DELETED);
    assertThat(index.count()).isZero();
  }

  @Test
  void recordThatIsNotJsonIsSkipped() {
    byte[] garbage = "\u0000\u0001not an incident{".getBytes(StandardCharsets.UTF_8);

    assertThat(applyAndRefresh(record(APT_HANG_ID, garbage)))
        .isEqualTo(IncidentRecords.Outcome.SKIPPED);
    assertThat(index.count()).isZero();
  }

  @Test
  void incidentWithoutARequiredFieldIsSkipped() {
    String noHost =
        """
        {"id":"inc-1","rule":"unexplained-hang","title":"hang","status":"OPEN",
         "severity":"warning","onset":"2026-04-12T09:13:02Z",
         "openedAt":"2026-04-12T09:15:04Z","updatedAt":"2026-04-12T09:15:04Z","confidence":0.3}
        """;

    assertThat(applyAndRefresh(record("inc-1", noHost.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(IncidentRecords.Outcome.SKIPPED);
    assertThat(index.count()).isZero();
  }

  @Test
  void incidentUnderAnotherIncidentsKeyIsSkipped() {
    byte[] value =
        Topics.INCIDENTS
            .valueSerde()
            .serializer()
            .serialize(TOPIC, SampleIncidents.aptHangOnLaptop());

    assertThat(applyAndRefresh(record("inc-some-other-id", value)))
        .isEqualTo(IncidentRecords.Outcome.SKIPPED);
    assertThat(index.count()).isZero();
  }
}
