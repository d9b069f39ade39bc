package dev.stallwatch.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM into an orderly stop: the shutdown hook closes what a
 * long-running command started and waits for it, so the process ends without orphans or stack
 * traces. A second Ctrl-C or SIGTERM while that stop is under way ends the process at once.
 */
public final class ShutdownSignal {

  private static final AtomicBoolean IN_PROGRESS = new AtomicBoolean();
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignal.class);

  private ShutdownSignal() {}

  /** Whether the JVM is stopping because of a signal (main must then not call System.exit). */
  public static boolean inProgress() {
    return IN_PROGRESS.get();
  }

  /**
   * Blocks until the process is asked to stop, then closes the stack before the JVM exits.
   *
   * @return when the stop is complete
   */
  public static void awaitThenClose(ServiceStack stack) throws InterruptedException {
    awaitThenClose(stack, new CompletableFuture<>());
  }

  /**
   * Blocks until the process is asked to stop or {@code failure} completes, then closes the stack.
   *
   * @param failure completes with a reason when a part stopped for good on its own
   * @return 0 when stopped by a signal, 1 when stopped because of {@code failure}
   */
  public static int awaitThenClose(ServiceStack stack, CompletableFuture<String> failure)
      throws InterruptedException {
    CountDownLatch wake = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        Thread.ofPlatform()
            .name("stallwatch-shutdown")
            .unstarted(
                () -> {
                  IN_PROGRESS.set(true);
                  wake.countDown();
                  stopAtOnceOnSecondSignal(stack);
                  try {
                    stack.close();
                    LOG.info("stallwatch stopped");
                  } finally {
                    stopped.countDown();
                  }
                });
    Runtime.getRuntime().addShutdownHook(hook);
    failure.thenRun(wake::countDown);
    wake.await();
    if (!IN_PROGRESS.get() && failure.isDone()) {
      Runtime.getRuntime().removeShutdownHook(hook);
      LOG.error("stopping: {}", failure.join());
      stack.close();
      return 1;
    }
    stopped.await();
    return 0;
  }

  /**
   * While the hook runs, further signals do nothing (the JVM's handler calls System.exit, which
   * waits for the running hook), so a stuck part could only be ended with SIGKILL. Replacing the
   * handlers makes the next signal halt the process; the Kafka log is then recovered at the next
   * start.
   */
  private static void stopAtOnceOnSecondSignal(ServiceStack stack) {
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(
            new Signal(name),
            signal -> {
              LOG.warn(
                  "stopping at once (second {}){}",
                  "INT".equals(signal.getName()) ? "Ctrl-C" : "SIG" + signal.getName(),
                  stack.closing().map(part -> ", without waiting for the " + part).orElse(""));
              Runtime.getRuntime().halt(128 + signal.getNumber());
            });
      } catch (IllegalArgumentException notHandled) {
        // The JVM runs with -Xrs or the platform lacks the signal: nothing to replace.
        LOG.debug("cannot handle SIG{}: {}", name, notHandled.getMessage());
      }
    }
  }
}
