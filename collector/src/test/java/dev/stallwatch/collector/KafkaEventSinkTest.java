package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.HungTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEventSinkTest {

  // Nothing listens on port 1: connections are refused at once.
  private static final Map<String, Object> NO_BROKER =
      Map.of("bootstrap.servers", "127.0.0.1:1", "max.block.ms", 200);

  @Test
  void shouldRequireBootstrapServers() {
    assertThatThrownBy(() -> KafkaEventSink.effectiveConfig(Map.of("acks", "all")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap.servers");
  }

  @Test
  void shouldRefuseConfigThatTurnsOffIdempotenceOrFullAcks() {
    assertThatThrownBy(
            () ->
                KafkaEventSink.effectiveConfig(
                    Map.of("bootstrap.servers", "b:9092", "enable.idempotence", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.idempotence=true");
    assertThatThrownBy(
            () ->
                KafkaEventSink.effectiveConfig(Map.of("bootstrap.servers", "b:9092", "acks", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acks=all");
  }

  @Test
  void shouldSetIdempotenceFullAcksAndASmallMaxBlock() {
    Map<String, Object> config =
        KafkaEventSink.effectiveConfig(
            Map.of("bootstrap.servers", "b:9092", "value.serializer", "x.Y"));

    assertThat(config)
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("max.block.ms", KafkaEventSink.DEFAULT_MAX_BLOCK.toMillis())
        .doesNotContainKey("value.serializer");
    assertThat(KafkaEventSink.effectiveConfig(NO_BROKER)).containsEntry("max.block.ms", 200);
  }

  @Test
  void shouldCountASendThatCannotReachABrokerAsFailedWithoutBlockingLong() {
    HungTask event =
        new HungTask(
            Envelope.of("host-a", Instant.parse("2023-11-14T23:40:34.567890Z"), 0),
            "apt-get",
            4711,
            120,
            "INFO: task apt-get:4711 blocked for more than 120 seconds.");
    KafkaEventSink sink = new KafkaEventSink(NO_BROKER, Duration.ofMillis(200));
    long start = System.nanoTime();
    sink.emit(event);
    Duration emitTook = Duration.ofNanos(System.nanoTime() - start);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.failedCount() == 1);
    sink.close();
    sink.emit(event);

    assertThat(emitTook).isLessThan(Duration.ofSeconds(3));
    assertThat(sink.sentCount()).isZero();
    assertThat(sink.failedCount()).isEqualTo(2);
  }
}
