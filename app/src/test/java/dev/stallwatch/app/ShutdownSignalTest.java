package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShutdownSignalTest {

  @Test
  void shouldStopEverythingWithExitCode1WhenAPartFailsForGood() throws Exception {
    List<String> closed = new ArrayList<>();
    ServiceStack stack = new ServiceStack();
    stack.add("broker", () -> closed.add("broker"));
    stack.add("analyzer", () -> closed.add("analyzer"));
    CompletableFuture<String> failure = new CompletableFuture<>();

    Thread.ofPlatform().start(() -> failure.complete("Kafka Streams stopped with an error"));
    int exit = ShutdownSignal.awaitThenClose(stack, failure);

    assertThat(exit).isEqualTo(1);
    assertThat(closed).containsExactly("analyzer", "broker");
    assertThat(ShutdownSignal.inProgress()).isFalse();
  }
}
