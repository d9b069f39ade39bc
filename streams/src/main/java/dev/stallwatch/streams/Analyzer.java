package dev.stallwatch.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CorrelationTopology} against a Kafka cluster with exactly-once processing.
 * Several analyzers with the same application id share the work by partitions.
 */
public final class Analyzer implements AutoCloseable {

  public static final String DEFAULT_APPLICATION_ID = "stallwatch-analyzer";

  private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;

  /**
   * @param bootstrapServers the Kafka cluster
   * @param stateDir where this instance keeps its local state stores
   * @param overrides any further Kafka Streams settings, applied last
   */
  public Analyzer(String bootstrapServers, Path stateDir, Map<String, Object> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.putAll(overrides);
    this.streams = new KafkaStreams(CorrelationTopology.build(), props);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("analyzer stream thread failed; replacing it", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  public void start() {
    streams.start();
  }

  /** Waits until the analyzer has joined the group and processes records. */
  public void awaitRunning(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (!streams.state().isRunningOrRebalancing()
          && streams.state() != KafkaStreams.State.CREATED) {
        throw new IllegalStateException("analyzer stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "analyzer not running after " + timeout + ": " + streams.state());
      }
      Thread.sleep(50);
    }
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
  }
}
