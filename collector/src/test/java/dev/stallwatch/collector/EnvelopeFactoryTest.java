package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.event.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

  private static final Instant TS = Instant.parse("2026-03-02T09:15:00Z");

  @Test
  void shouldStartAtTheFirstSeqAndCountUp() {
    EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 41);

    Envelope first = envelopes.next(TS);
    Envelope second = envelopes.next(TS.plusSeconds(1));

    assertThat(first.seq()).isEqualTo(41);
    assertThat(second.seq()).isEqualTo(42);
    assertThat(first.host()).isEqualTo("host-a");
    assertThat(second.ts()).isEqualTo(TS.plusSeconds(1));
    assertThat(first.v()).isEqualTo(Envelope.CURRENT_VERSION);
    assertThat(first.id()).isNotEqualTo(second.id());
  }

  @Test
  void shouldGiveEveryThreadDistinctIncreasingSeqsAndIds() throws Exception {
    EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);
    int threads = 4;
    int each = 2000;
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    Set<String> ids = ConcurrentHashMap.newKeySet();
    List<Boolean> increasingPerThread = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                long last = -1;
                boolean increasing = true;
                for (int i = 0; i < each; i++) {
                  Envelope envelope = envelopes.next(TS);
                  increasing &= envelope.seq() > last;
                  last = envelope.seq();
                  seqs.add(envelope.seq());
                  ids.add(envelope.id());
                }
                synchronized (increasingPerThread) {
                  increasingPerThread.add(increasing);
                }
              });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(seqs).hasSize(threads * each);
    assertThat(seqs).allMatch(seq -> seq >= 0 && seq < threads * each);
    assertThat(ids).hasSize(threads * each);
    assertThat(increasingPerThread).containsOnly(true).hasSize(threads);
  }

  @Test
  void shouldRejectAnEmptyHostOrANegativeFirstSeq() {
    assertThatThrownBy(() -> new EnvelopeFactory(" ", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EnvelopeFactory("host-a", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
