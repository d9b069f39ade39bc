package dev.stallwatch.collector;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads named {@code stallwatch-<purpose>-<n>}, so a thread dump of a hung machine shows
 * which source is stuck, and so a forgotten collector does not keep the JVM alive.
 */
final class NamedThreadFactory implements ThreadFactory {

  private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  NamedThreadFactory(String purpose) {
    this.prefix = "stallwatch-" + purpose + "-";
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (t, e) -> LOG.error("thread {} died of an uncaught exception", t.getName(), e));
    return thread;
  }
}
