package dev.stallwatch.server.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: a bounded queue of frames and a thread of its own that writes them, so a
 * client that reads slowly or not at all holds up only that thread. Producers ({@link EventStream})
 * call {@link #offer} and {@link #finish} under the stream's lock.
 */
final class StreamClient {

  /** Where a client's frames go: the HTTP response, or a test's buffer. */
  @FunctionalInterface
  interface FrameWriter {
    /** Writes {@code frames} and flushes them; blocks while the client does not read. */
    void write(String frames) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);
  // Real frames end with a blank line, so the empty string cannot be mistaken for one.
  private static final String END = "";
  private static final int MAX_BATCH = 64;

  private final String description;
  private final Set<StreamEventType> types;
  private final BlockingQueue<String> frames;
  private final FrameWriter out;
  private final Thread writer;
  private volatile boolean endedByServer;

  /**
   * @param description who the client is, for the log (its address)
   * @param capacity frames that may wait, at least 2
   * @param onEnd run on the writer thread once the stream ended, however it ended
   */
  StreamClient(
      String threadName,
      String description,
      int capacity,
      Set<StreamEventType> types,
      FrameWriter out,
      Consumer<StreamClient> onEnd) {
    this.description = description;
    this.types = Set.copyOf(types);
    this.frames = new ArrayBlockingQueue<>(capacity);
    this.out = out;
    this.writer =
        Thread.ofPlatform().name(threadName).daemon().unstarted(() -> writeUntilEnd(onEnd));
  }

  String description() {
    return description;
  }

  boolean wants(StreamEventType type) {
    return types.contains(type);
  }

  /** Queues a frame; false when the queue is full. */
  boolean offer(String frame) {
    return frames.offer(frame);
  }

  /**
   * Drops what is still queued, queues {@code lastFrame} unless null, and ends the stream after it.
   */
  void finish(String lastFrame) {
    frames.clear();
    if (lastFrame != null) {
      frames.offer(lastFrame);
    }
    frames.offer(END);
  }

  /** Ends the stream once what is queued was written, or at once when the queue is full. */
  void end() {
    if (!frames.offer(END)) {
      finish(null);
    }
  }

  /**
   * Whether the stream ended because {@link #finish} or {@link #end} was called, not because the
   * client went away (then the container has ended the request already).
   */
  boolean endedByServer() {
    return endedByServer;
  }

  void start() {
    writer.start();
  }

  /** Waits until the stream ended, at most until {@code deadline} (a {@link System#nanoTime}). */
  void awaitEnd(long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left > 0) {
      writer.join(Duration.ofNanos(left));
    }
  }

  private void writeUntilEnd(Consumer<StreamClient> onEnd) {
    try {
      boolean ended = false;
      while (!ended) {
        List<String> batch = new ArrayList<>();
        batch.add(frames.take());
        frames.drainTo(batch, MAX_BATCH);
        int end = batch.indexOf(END);
        ended = end >= 0;
        String text = String.join("", ended ? batch.subList(0, end) : batch);
        if (!text.isEmpty()) {
          out.write(text);
        }
      }
      endedByServer = true;
    } catch (IOException | RuntimeException e) {
      // The usual end: the client went away, which the next write (at worst a heartbeat) finds.
      LOG.debug("event stream to {} ended: {}", description, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      onEnd.accept(this);
    }
  }
}
