package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingSinkTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant TS = Instant.parse("2026-11-20T09:00:00Z");

  @TempDir Path dir;

  /** A transport that fails while "down" and records what it delivered. */
  private static final class FakeKafka implements EventTransport {
    final List<TelemetryEvent> delivered = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public void sendAll(List<Spool.Entry> records) throws IOException {
      attempts.incrementAndGet();
      if (down.get()) {
        throw new IOException("Connection refused");
      }
      for (Spool.Entry entry : records) {
        delivered.add(TelemetryCodec.fromBytes(entry.value()));
      }
    }

    @Override
    public void close() {}
  }

  private static TelemetryEvent event(long seq) {
    return new Freeze(Envelope.of("host-a", TS, seq), TS, TS.plusSeconds(seq));
  }

  private SpoolingSink sink(FakeKafka kafka) throws IOException {
    return new SpoolingSink(
        new Spool(dir.resolve("spool"), 1 << 20, FsyncPolicy.INTERVAL),
        kafka,
        Duration.ofSeconds(2));
  }

  private static List<Long> seqs(List<TelemetryEvent> events) {
    return events.stream().map(e -> e.envelope().seq()).toList();
  }

  @Test
  void shouldDeliverEverythingInOrderOnceKafkaComesBack() throws Exception {
    FakeKafka kafka = new FakeKafka();
    kafka.down.set(true);
    try (SpoolingSink sink = sink(kafka)) {
      for (long seq = 0; seq < 50; seq++) {
        sink.emit(event(seq));
      }
      await().atMost(WAIT).until(() -> kafka.attempts.get() >= 2);
      assertThat(kafka.delivered).isEmpty();
      assertThat(sink.spoolDepth()).isEqualTo(50);

      kafka.down.set(false);

      await().atMost(WAIT).until(() -> sink.spoolDepth() == 0);
    }
    assertThat(seqs(kafka.delivered))
        .containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
  }

  @Test
  void shouldNotBlockEmitWhileKafkaIsAway() throws Exception {
    FakeKafka kafka = new FakeKafka();
    kafka.down.set(true);
    try (SpoolingSink sink = sink(kafka)) {
      long start = System.nanoTime();
      for (long seq = 0; seq < 2000; seq++) {
        sink.emit(event(seq));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(sink.spoolDepth()).isEqualTo(2000);
    }
  }

  @Test
  void shouldRunAnAfterDeliveryActionOnlyOnceKafkaAcknowledgedWhatCameBefore() throws Exception {
    FakeKafka kafka = new FakeKafka();
    kafka.down.set(true);
    List<String> saved = new CopyOnWriteArrayList<>();
    try (SpoolingSink sink = sink(kafka)) {
      sink.emit(event(0));
      sink.afterDelivery(() -> saved.add("checkpoint after seq 0"));
      await().atMost(WAIT).until(() -> kafka.attempts.get() >= 2);
      assertThat(saved).isEmpty();

      kafka.down.set(false);

      await().atMost(WAIT).until(() -> saved.size() == 1);
      sink.afterDelivery(() -> saved.add("nothing pending: at once"));
      assertThat(saved).hasSize(2);
    }
  }

  @Test
  void shouldContinueTheSeqAndSendTheRestAfterARestart() throws Exception {
    FakeKafka kafka = new FakeKafka();
    kafka.down.set(true);
    try (SpoolingSink sink = sink(kafka)) {
      for (long seq = 0; seq < 5; seq++) {
        sink.emit(event(seq));
      }
    }
    FakeKafka again = new FakeKafka();
    try (SpoolingSink sink = sink(again)) {
      assertThat(sink.resumeSeq()).isEqualTo(5);
      sink.emit(event(5));
      await().atMost(WAIT).until(() -> again.delivered.size() == 6);
    }
    assertThat(seqs(again.delivered)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void shouldDropAnEventLargerThanTheWireLimitAndCountIt() throws Exception {
    FakeKafka kafka = new FakeKafka();
    List<TelemetryEvent> sent = new ArrayList<>();
    try (SpoolingSink sink = sink(kafka)) {
      sink.emit(
          new dev.stallwatch.model.event.KernelLog(
              Envelope.of("host-a", TS, 0), "huge", "x".repeat(300_000), 3));
      sink.emit(event(1));
      await().atMost(WAIT).until(() -> kafka.delivered.size() == 1);
      assertThat(sink.failedCount()).isEqualTo(1);
      sent.addAll(kafka.delivered);
    }
    assertThat(seqs(sent)).containsExactly(1L);
  }
}
