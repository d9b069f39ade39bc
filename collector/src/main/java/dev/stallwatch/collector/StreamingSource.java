package dev.stallwatch.collector;

import java.io.IOException;

/**
 * A source that blocks waiting for input (a character device such as /dev/kmsg), so it gets its own
 * thread. The collector calls {@link #open}, then {@link #run} on that thread, and {@link #close}
 * from another thread to stop it. After a failure it calls {@code open} and {@code run} again, so a
 * source keeps what it needs to avoid re-emitting what it already sent.
 */
public interface StreamingSource extends AutoCloseable {

  /** Short, stable, unique within a collector; the key of the source's health in heartbeats. */
  String name();

  /**
   * Gets ready to read; failures here mean the source cannot work at all.
   *
   * @throws SourceAbsentException when there is nothing to read on this machine
   */
  void open() throws IOException;

  /**
   * Emits events until the input ends (a regular file read to its end) or {@link #close} is called;
   * returns normally in both cases.
   *
   * @throws IOException when reading fails for another reason
   */
  void run(EventSink sink, EnvelopeFactory envelopes) throws IOException;

  /** Stops the source for good and wakes a blocked {@link #run}. Safe from any thread. */
  @Override
  void close();
}
