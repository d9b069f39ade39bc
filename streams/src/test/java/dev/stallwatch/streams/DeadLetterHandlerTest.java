package dev.stallwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The documented policy for output that Kafka does not take: never "stop processing". */
class DeadLetterHandlerTest {

  private static final byte[] INPUT = "{\"type\":\"hung_task\"}".getBytes(StandardCharsets.UTF_8);

  private final HealthTracker health = new HealthTracker(Clock.systemUTC());
  private final DeadLetterHandler handler = new DeadLetterHandler();

  DeadLetterHandlerTest() {
    handler.configure(Map.of(HealthTracker.CONFIG, health));
  }

  @Test
  void shouldRetryWhatTheBrokerMayStillTake() {
    ProductionExceptionHandler.Response response =
        handler.handleError(
            context("stallwatch.telemetry"), refused(), new NotLeaderOrFollowerException("moved"));

    assertThat(response.result()).isEqualTo(Result.RETRY);
  }

  @Test
  void shouldDeadLetterARefusedOutputWithWhereItWasGoingAndGoOn() {
    for (Exception refusal :
        new Exception[] {
          new InvalidTimestampException("Timestamp 253402300799000 of message is out of range"),
          new RecordTooLargeException("The message is 2000000 bytes")
        }) {
      ProductionExceptionHandler.Response response =
          handler.handleError(context("stallwatch.telemetry"), refused(), refusal);

      assertThat(response.result()).isEqualTo(Result.RESUME);
      ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().getFirst();
      assertThat(letter.topic()).isEqualTo("stallwatch.deadletters");
      assertThat(letter.timestamp()).as("stamped by the broker, not the refused time").isNull();
      assertThat(header(letter.headers(), DeadLetterHandler.TARGET_TOPIC))
          .isEqualTo("stallwatch.hosts");
      assertThat(header(letter.headers(), DeadLetterHandler.REASON))
          .startsWith("Kafka refused a record for stallwatch.hosts: ")
          .contains(refusal.getMessage());
    }
    assertThat(health.snapshot().deadLetters()).isEqualTo(2);
  }

  @Test
  void shouldDeadLetterTheInputOfAnOutputThatCannotBeWritten() {
    ProductionExceptionHandler.Response response =
        handler.handleSerializationError(
            context("stallwatch.telemetry"),
            new ProducerRecord<>("stallwatch.incidents", "key", new Object()),
            new SerializationException("cannot write"),
            SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().getFirst();
    assertThat(letter.value()).isEqualTo(INPUT);
    assertThat(header(letter.headers(), DeadLetterHandler.REASON))
        .isEqualTo("cannot write the value of a record for stallwatch.incidents: cannot write");
    assertThat(header(letter.headers(), DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("42");
  }

  @Test
  void shouldDeadLetterAnOutputOfAWallClockTickWithoutAnInputToPointTo() {
    ProductionExceptionHandler.Response response =
        handler.handleError(context(null), refused(), new InvalidTimestampException("too new"));

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(
            header(
                response.deadLetterQueueRecords().getFirst().headers(),
                DeadLetterHandler.TARGET_TOPIC))
        .isEqualTo("stallwatch.hosts");
    assertThat(
            response
                .deadLetterQueueRecords()
                .getFirst()
                .headers()
                .lastHeader(DeadLetterHandler.SOURCE_TOPIC))
        .isNull();
  }

  private static ProducerRecord<byte[], byte[]> refused() {
    return new ProducerRecord<>(
        "stallwatch.hosts",
        null,
        253402300799000L,
        "dev-anna".getBytes(StandardCharsets.UTF_8),
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** Where the failing output came from: an input record, or a wall-clock tick (no topic). */
  private static ErrorHandlerContext context(String topic) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return topic == null ? -1 : 1;
      }

      @Override
      public long offset() {
        return topic == null ? -1 : 42;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "hosts-sink";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 1);
      }

      @Override
      public long timestamp() {
        return 1_764_662_400_000L;
      }

      @Override
      public byte[] sourceRawKey() {
        return topic == null ? null : "dev-anna".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return topic == null ? null : INPUT;
      }
    };
  }
}
