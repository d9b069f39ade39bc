package dev.stallwatch.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A long-running command whose stop hangs, run as a process by {@link ShutdownSignalIT}: closing
 * its one part never finishes.
 */
final class StuckStopMain {

  static final String PART = "stuck part";
  static final Duration BOUND = Duration.ofSeconds(60);

  private StuckStopMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceStack stack = new ServiceStack();
    CountDownLatch never = new CountDownLatch(1);
    stack.add(PART, never::await, BOUND);
    System.out.println("ready");
    System.out.flush();
    ShutdownSignal.awaitThenClose(stack);
  }
}
