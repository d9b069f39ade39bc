package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceStackTest {

  private final List<String> closed = new CopyOnWriteArrayList<>();

  @Test
  void shouldCloseInReverseOrderAndGoOnPastAPartThatFails() {
    ServiceStack stack = new ServiceStack();
    stack.add("broker", () -> closed.add("broker"));
    stack.add(
        "analyzer",
        () -> {
          throw new IllegalStateException("already closed");
        });
    stack.add("collector", () -> closed.add("collector"));

    stack.close();

    assertThat(closed).containsExactly("collector", "broker");
  }

  @Test
  void shouldLeaveBehindAPartThatOutlastsItsBoundAndCloseTheRest() {
    CountDownLatch never = new CountDownLatch(1);
    ServiceStack stack = new ServiceStack();
    stack.add("broker", () -> closed.add("broker"));
    stack.add("stuck analyzer", never::await, Duration.ofMillis(300));
    stack.add("collector", () -> closed.add("collector"));

    long start = System.nanoTime();
    stack.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(closed).containsExactly("collector", "broker");
    assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    assertThat(stack.closing()).isEmpty();
  }

  @Test
  void shouldNameThePartItIsWaitingFor() throws Exception {
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ServiceStack stack = new ServiceStack();
    stack.add(
        "analyzer",
        () -> {
          closing.countDown();
          release.await();
        });
    Thread stopper = Thread.ofPlatform().start(stack::close);

    closing.await();
    assertThat(stack.closing()).contains("analyzer");
    release.countDown();
    stopper.join();
    assertThat(stack.closing()).isEmpty();
  }

  @Test
  void shouldPassOnAnErrorAfterLoggingIt() {
    ServiceStack stack = new ServiceStack();
    stack.add(
        "broker",
        () -> {
          throw new OutOfMemoryError("test");
        });

    assertThatThrownBy(stack::close).isInstanceOf(OutOfMemoryError.class);
  }
}
