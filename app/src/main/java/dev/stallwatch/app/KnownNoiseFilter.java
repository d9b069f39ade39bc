package dev.stallwatch.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Drops the few library messages that look alarming on the console but need nothing from the user,
 * each by logger and message so that everything else those loggers say still shows. Named in {@code
 * logback.xml}.
 *
 * <ul>
 *   <li>Kafka Streams' warning that its state directory lies under the OS temp directory, once
 *       {@code stallwatch up} has said so itself, in one line and of the whole data directory.
 *   <li>A transactional producer's retry of a batch that met the end of its previous transaction
 *       ({@code CONCURRENT_TRANSACTIONS}), and of the batches sent behind it ({@code
 *       OUT_OF_ORDER_SEQUENCE_NUMBER}); the analyzer commits every 100 ms, so this is routine.
 *   <li>The embedded broker's error, with a stack trace, for each of those out-of-order batches.
 * </ul>
 *
 * A retry that fails for good still reaches the console, from the producer's caller.
 */
public final class KnownNoiseFilter extends TurboFilter {

  private static final String STATE_DIRECTORY =
      "org.apache.kafka.streams.processor.internals.StateDirectory";
  private static final String TEMP_STATE_DIR =
      "Using an OS temp directory in the state.dir property";
  private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
  private static final String RETRY = "Got error produce response with correlation id";
  private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";

  private volatile boolean tempDirExplained;

  /**
   * Tells this process's filters that {@code up} has explained what a data directory under the temp
   * directory means.
   */
  public static void tempDirExplained() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      for (TurboFilter filter : context.getTurboFilterList()) {
        if (filter instanceof KnownNoiseFilter known) {
          known.explainTempDir();
        }
      }
    }
  }

  void explainTempDir() {
    tempDirExplained = true;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || format == null || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    boolean noise =
        switch (logger.getName()) {
          case STATE_DIRECTORY -> tempDirExplained && format.startsWith(TEMP_STATE_DIR);
          case SENDER -> routineRetry(format, params);
          case REPLICA_MANAGER -> t instanceof OutOfOrderSequenceException;
          default -> false;
        };
    return noise ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** Kafka's clients format their messages before logging them; others may pass arguments. */
  private static boolean routineRetry(String format, Object[] params) {
    String message =
        params == null ? format : MessageFormatter.arrayFormat(format, params).getMessage();
    return message.contains(RETRY)
        && (message.contains("Error: CONCURRENT_TRANSACTIONS")
            || message.contains("Error: OUT_OF_ORDER_SEQUENCE_NUMBER"));
  }
}
