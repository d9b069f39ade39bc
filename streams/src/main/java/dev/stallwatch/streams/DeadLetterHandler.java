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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be read costs that record, never the application: it goes, bytes untouched,
 * to {@code stallwatch.deadletters} with the reason and where it came from in headers, and
 * processing goes on.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

  public static final String REASON = "stallwatch.error.reason";
  public static final String SOURCE_TOPIC = "stallwatch.source.topic";
  public static final String SOURCE_PARTITION = "stallwatch.source.partition";
  public static final String SOURCE_OFFSET = "stallwatch.source.offset";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    LOG.warn(
        "dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON, bytes(reason));
    headers.add(SOURCE_TOPIC, bytes(record.topic()));
    headers.add(SOURCE_PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(SOURCE_OFFSET, bytes(String.valueOf(record.offset())));
    ProducerRecord<byte[], byte[]> deadLetter =
        new ProducerRecord<>(
            Topics.DEAD_LETTERS.name(),
            null,
            record.timestamp(),
            record.key(),
            record.value(),
            headers);
    return Response.resume(List.of(deadLetter));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
