package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KnownNoiseFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final KnownNoiseFilter filter = new KnownNoiseFilter();

  @Test
  void shouldDropKafkaStreamsTempDirWarningOnlyOnceUpHasExplainedIt() {
    Logger stateDirectory =
        context.getLogger("org.apache.kafka.streams.processor.internals.StateDirectory");
    String warning =
        "Using an OS temp directory in the state.dir property can cause failures with writing the"
            + " checkpoint file due to the fact that this directory can be cleared by the OS."
            + " Resolved state.dir: [/tmp/x/streams]";

    assertThat(decide(stateDirectory, Level.WARN, warning, null)).isEqualTo(FilterReply.NEUTRAL);
    filter.explainTempDir();
    assertThat(decide(stateDirectory, Level.WARN, warning, null)).isEqualTo(FilterReply.DENY);
    assertThat(decide(stateDirectory, Level.WARN, "Failed to read json process file", null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void shouldDropRoutineTransactionRetriesButNotOtherProducerTrouble() {
    Logger sender = context.getLogger("org.apache.kafka.clients.producer.internals.Sender");

    // Kafka's clients hand logback the message already formatted, with their log prefix.
    assertThat(decide(sender, Level.WARN, retry(35, "CONCURRENT_TRANSACTIONS"), null))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(sender, Level.WARN, retry(38, "OUT_OF_ORDER_SEQUENCE_NUMBER"), null))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(sender, Level.WARN, retry(39, "NOT_ENOUGH_REPLICAS"), null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                sender,
                Level.WARN,
                "Got error produce response with correlation id {} on topic-partition {},"
                    + " retrying ({} attempts left). Error: {}",
                null,
                40L,
                "stallwatch.hosts-0",
                7,
                "CONCURRENT_TRANSACTIONS"))
        .isEqualTo(FilterReply.DENY);
  }

  private static String retry(int correlationId, String error) {
    return ("[Producer clientId=stallwatch-analyzer-1-StreamThread-1-producer,"
            + " transactionalId=stallwatch-analyzer-1] Got error produce response with correlation"
            + " id %d on topic-partition stallwatch.hosts-0, retrying (2147483646 attempts left)."
            + " Error: %s")
        .formatted(correlationId, error);
  }

  @Test
  void shouldDropTheBrokersOutOfOrderSequenceErrorsButNotItsOtherErrors() {
    Logger replicaManager = context.getLogger("kafka.server.ReplicaManager");
    String append = "[ReplicaManager broker=1] Error processing append operation on partition x-0";

    assertThat(
            decide(
                replicaManager,
                Level.ERROR,
                append,
                new OutOfOrderSequenceException("Invalid sequence number for producer 0")))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(replicaManager, Level.ERROR, append, new TimeoutException("disk")))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(
      Logger logger, Level level, String format, Throwable thrown, Object... params) {
    return filter.decide(null, logger, level, format, params, thrown);
  }
}
