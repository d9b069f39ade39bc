package dev.stallwatch.streams;

import dev.stallwatch.model.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read or processed costs that record, never the application: it goes,
 * bytes untouched, to {@code stallwatch.deadletters} with the reason and where it came from in
 * headers, and processing goes on.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  public static final String REASON = "stallwatch.error.reason";
  public static final String SOURCE_TOPIC = "stallwatch.source.topic";
  public static final String SOURCE_PARTITION = "stallwatch.source.partition";
  public static final String SOURCE_OFFSET = "stallwatch.source.offset";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  @Override
  public void configure(Map<String, ?> configs) {}

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
    return ProcessingExceptionHandler.Response.resume(
        List.of(
            deadLetter(
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.timestamp(),
                context.headers(),
                reason,
                context.topic(),
                context.partition(),
                context.offset())));
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(
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
    headers.add(SOURCE_TOPIC, bytes(topic));
    headers.add(SOURCE_PARTITION, bytes(String.valueOf(partition)));
    headers.add(SOURCE_OFFSET, bytes(String.valueOf(offset)));
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(), null, timestamp < 0 ? null : timestamp, key, value, headers);
  }

  private static String reason(Exception exception) {
    return exception.getMessage() == null ? exception.toString() : exception.getMessage();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
