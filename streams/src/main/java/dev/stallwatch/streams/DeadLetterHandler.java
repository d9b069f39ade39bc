package dev.stallwatch.streams;

import dev.stallwatch.model.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read, processed or written costs that record, never the application: it
 * goes, bytes untouched, to {@code stallwatch.deadletters} with the reason and where it came from
 * in headers, and processing goes on.
 *
 * <p>The policy for output Kafka does not take: a broker error that may pass (a timeout, a leader
 * moving) is retried; any other refusal (a timestamp or a size the broker refuses) dead-letters the
 * refused record with the topic it was meant for, and an output that cannot be serialized
 * dead-letters the input that produced it. Processing never stops for one record. Under
 * exactly-once a refused send still aborts the transaction it was in, and its input is processed
 * again; that is why the topology never forwards what a broker refuses (see {@link
 * EventTimeBounds}) and this handler is the last line, not the first.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler,
        ProcessingExceptionHandler,
        ProductionExceptionHandler {

  public static final String REASON = "stallwatch.error.reason";
  public static final String SOURCE_TOPIC = "stallwatch.source.topic";
  public static final String SOURCE_PARTITION = "stallwatch.source.partition";
  public static final String SOURCE_OFFSET = "stallwatch.source.offset";
  public static final String TARGET_TOPIC = "stallwatch.target.topic";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private HealthTracker health;

  @Override
  public void configure(Map<String, ?> configs) {
    health = HealthTracker.from(configs);
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = reason(exception);
    LOG.warn(
        "dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    return DeserializationExceptionHandler.Response.resume(
        List.of(
            deadLetter(
                record.key(),
                record.value(),
                record.timestamp(),
                record.headers(),
                reason,
                record.topic(),
                record.partition(),
                record.offset())));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String reason = reason(exception);
    if (context.sourceRawValue() == null && context.topic() == null) {
      // Raised outside any input record (a wall-clock tick): there is nothing to dead-letter.
      LOG.error("analyzer failed in {} outside a record", context.processorNodeId(), exception);
      return ProcessingExceptionHandler.Response.resume();
    }
    if (exception instanceof InvalidEventException) {
      LOG.warn(
          "dead-lettering {}-{}@{}: {}",
          context.topic(),
          context.partition(),
          context.offset(),
          reason);
    } else {
      LOG.error(
          "dead-lettering {}-{}@{} after an error in {}",
          context.topic(),
          context.partition(),
          context.offset(),
          context.processorNodeId(),
          exception);
    }
    return ProcessingExceptionHandler.Response.resume(List.of(inputDeadLetter(context, reason)));
  }

  /** The input record being processed, as the context kept its bytes. */
  private ProducerRecord<byte[], byte[]> inputDeadLetter(
      ErrorHandlerContext context, String reason) {
    return deadLetter(
        context.sourceRawKey(),
        context.sourceRawValue(),
        context.timestamp(),
        context.headers(),
        reason,
        context.topic(),
        context.partition(),
        context.offset());
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      byte[] key,
      byte[] value,
      long timestamp,
      Headers original,
      String reason,
      String topic,
      int partition,
      long offset) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.add(REASON, bytes(reason));
    if (topic != null) {
      // Output written on a wall-clock tick has no input record to point back to.
      headers.add(SOURCE_TOPIC, bytes(topic));
      headers.add(SOURCE_PARTITION, bytes(String.valueOf(partition)));
      headers.add(SOURCE_OFFSET, bytes(String.valueOf(offset)));
    }
    if (health != null) {
      health.deadLettered();
    }
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(), null, timestamp < 0 ? null : timestamp, key, value, headers);
  }

  @Override
  public ProductionExceptionHandler.Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      LOG.warn("Kafka did not take a record for {} yet, retrying: {}", record.topic(), exception);
      return ProductionExceptionHandler.Response.retry();
    }
    String reason = "Kafka refused a record for " + record.topic() + ": " + reason(exception);
    LOG.error(
        "dead-lettering the output of {}-{}@{}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        reason);
    ProducerRecord<byte[], byte[]> letter =
        deadLetter(
            record.key(),
            record.value(),
            -1,
            record.headers(),
            reason,
            context.topic(),
            context.partition(),
            context.offset());
    letter.headers().add(TARGET_TOPIC, bytes(record.topic()));
    return ProductionExceptionHandler.Response.resume(List.of(letter));
  }

  @Override
  @SuppressWarnings("rawtypes") // the interface declares a raw ProducerRecord
  public ProductionExceptionHandler.Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      ProductionExceptionHandler.SerializationExceptionOrigin origin) {
    String reason =
        "cannot write the "
            + origin.name().toLowerCase(Locale.ROOT)
            + " of a record for "
            + record.topic()
            + ": "
            + reason(exception);
    LOG.error(
        "dead-lettering {}-{}@{}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        reason,
        exception);
    if (context.sourceRawValue() == null && context.topic() == null) {
      return ProductionExceptionHandler.Response.resume();
    }
    ProducerRecord<byte[], byte[]> letter = inputDeadLetter(context, reason);
    letter.headers().add(TARGET_TOPIC, bytes(record.topic()));
    return ProductionExceptionHandler.Response.resume(List.of(letter));
  }

  private static String reason(Exception exception) {
    return exception.getMessage() == null ? exception.toString() : exception.getMessage();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
