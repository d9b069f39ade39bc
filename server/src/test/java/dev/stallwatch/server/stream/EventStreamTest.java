package dev.stallwatch.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub on its own, its clients writing into memory instead of HTTP responses. */
class EventStreamTest {

  private static final long FIRST_ID = 100;

  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private EventStream stream;

  @AfterEach
  void closeStream() {
    if (stream != null) {
      stream.close();
    }
  }

  @Test
  void shouldRefuseAnUnknownTypeNamingTheKnownOnes() {
    stream = streamWith(new StreamSettings(10, 10, Duration.ofSeconds(15), Duration.ofSeconds(3)));

    assertThatThrownBy(() -> stream.publish("incidents", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown event type 'incidents'; use one of incident, alert, host, silence, action.");
  }

  @Test
  void shouldReplayOnlyWhatCameAfterTheLastIdAndResyncAnIdItNeverSent() throws Exception {
    stream = streamWith(new StreamSettings(3, 10, Duration.ofSeconds(15), Duration.ofSeconds(3)));
    for (int i = 0; i < 4; i++) {
      stream.publish("host", Map.of("n", i));
    }
    // Ids 100..103 were sent; 101..103 are kept.

    assertThat(connectAndRead(OptionalLong.of(103))).isEqualTo("retry: 3000\n\n");
    assertThat(connectAndRead(OptionalLong.of(101)))
        .isEqualTo(
            "retry: 3000\n\n"
                + "id: 102\nevent: host\ndata: {\"n\":2}\n\n"
                + "id: 103\nevent: host\ndata: {\"n\":3}\n\n");
    assertThat(connectAndRead(OptionalLong.of(100))).contains("id: 101\n", "id: 103\n");
    String resync = "id: 103\nevent: resync\ndata: {\"reason\":\"expired\"}\n\n";
    assertThat(connectAndRead(OptionalLong.of(99))).isEqualTo("retry: 3000\n\n" + resync);
    assertThat(connectAndRead(OptionalLong.of(104))).isEqualTo("retry: 3000\n\n" + resync);
  }

  @Test
  void shouldNeverWaitForAClientThatStoppedReadingAndTellItToReloadWhenItReadsAgain()
      throws Exception {
    stream = streamWith(new StreamSettings(10, 4, Duration.ofSeconds(15), Duration.ofSeconds(3)));
    CountDownLatch reads = new CountDownLatch(1);
    StringBuffer written = new StringBuffer();
    CountDownLatch ended = new CountDownLatch(1);
    stream.connect(
        "stalled",
        OptionalLong.empty(),
        EnumSet.allOf(StreamEventType.class),
        frames -> {
          awaitQuietly(reads);
          written.append(frames);
        },
        ended::countDown);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 0; i < 1_000; i++) {
            stream.publish("incident", Map.of("n", i));
          }
        });
    reads.countDown();

    assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(written.toString())
        .startsWith("retry: 3000\n\n")
        .endsWith("event: resync\ndata: {\"reason\":\"overflow\"}\n\n")
        .doesNotContain("\"n\":999");
    awaitCount(closed, 1);
    assertThat(opened).hasValue(1);
  }

  @Test
  void shouldEndEveryStreamOnCloseAndDropLaterEvents() throws Exception {
    stream = streamWith(new StreamSettings(10, 10, Duration.ofSeconds(15), Duration.ofSeconds(3)));
    StringBuffer written = new StringBuffer();
    CountDownLatch ended = new CountDownLatch(1);
    stream.connect(
        "reader",
        OptionalLong.empty(),
        EnumSet.of(StreamEventType.ALERT),
        written::append,
        ended::countDown);
    stream.publish("incident", Map.of("n", 1));
    stream.publish("alert", Map.of("n", 2));

    stream.close();
    stream.publish("alert", Map.of("n", 3));

    assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(written.toString())
        .isEqualTo("retry: 3000\n\nid: 101\nevent: alert\ndata: {\"n\":2}\n\n");
    assertThat(closed).hasValue(1);
    assertThatThrownBy(
            () ->
                stream.connect(
                    "late",
                    OptionalLong.empty(),
                    EnumSet.allOf(StreamEventType.class),
                    written::append,
                    () -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  private EventStream streamWith(StreamSettings settings) {
    return new EventStream(
        new ObjectMapper(), settings, FIRST_ID, opened::incrementAndGet, closed::incrementAndGet);
  }

  /** What a client reconnecting after {@code lastEventId} is sent before anything new. */
  private String connectAndRead(OptionalLong lastEventId) throws InterruptedException {
    StringBuffer written = new StringBuffer();
    int before = closed.get();
    stream.connect(
        "reconnecting",
        lastEventId,
        EnumSet.allOf(StreamEventType.class),
        frames -> {
          written.append(frames);
          // Ends the stream, as a client that went away right after would.
          throw new IOException("gone");
        },
        () -> {});
    awaitCount(closed, before + 1);
    return written.toString();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (count.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(count).hasValue(expected);
  }
}
