package dev.stallwatch.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of {@code /api/stream} reading it as a browser would, line by line, on a thread of its
 * own: each block up to a blank line becomes a {@link Block}.
 */
final class StreamReader implements AutoCloseable {

  /** One block of the stream: an event, a {@code retry:} hint or a comment. */
  record Block(String id, String event, String data, String retry, List<String> comments) {

    boolean isEvent() {
      return data != null;
    }
  }

  private static final Block END = new Block(null, null, null, null, List.of());

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();
  private final Thread reader;

  /**
   * Connects to {@code pathAndQuery} of the server on {@code port}, sending {@code lastEventId}
   * unless null.
   */
  StreamReader(int port, String pathAndQuery, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    reader = Thread.ofPlatform().name("test-stream-reader").daemon().start(this::readBlocks);
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The next block, or null when none came within {@code wait}. */
  Block next(Duration wait) throws InterruptedException {
    Block block = blocks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (block == END) {
      blocks.add(END);
      throw new AssertionError("the stream ended");
    }
    return block;
  }

  /** The next event, skipping comments and hints; fails when none comes within 10 s. */
  Block nextEvent() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Block block = next(Duration.ofNanos(deadline - System.nanoTime()));
      if (block != null && block.isEvent()) {
        return block;
      }
    }
    throw new AssertionError("no event arrived within 10 s");
  }

  /** The events that arrive within {@code wait}, comments and hints left out. */
  List<Block> eventsWithin(Duration wait) throws InterruptedException {
    List<Block> events = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Block block = blocks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (block == END) {
        blocks.add(END);
        break;
      }
      if (block != null && block.isEvent()) {
        events.add(block);
      }
    }
    return events;
  }

  /** Whether the server ended the stream within {@code wait}; blocks before the end are skipped. */
  boolean endsWithin(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (blocks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == END) {
        return true;
      }
    }
    return false;
  }

  private void readBlocks() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      BlockBuilder block = new BlockBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          blocks.add(block.build());
          block = new BlockBuilder();
        } else {
          block.add(line);
        }
      }
    } catch (IOException closed) {
      // The test closed the stream, or the server dropped it: either way it ended.
    } finally {
      blocks.add(END);
    }
  }

  /** Goes away as a browser tab that was closed would. */
  @Override
  public void close() throws IOException {
    response.body().close();
    http.shutdownNow();
  }

  private static final class BlockBuilder {
    private String id;
    private String event;
    private StringBuilder data;
    private String retry;
    private final List<String> comments = new ArrayList<>();

    void add(String line) {
      if (line.startsWith(":")) {
        comments.add(line.substring(1).strip());
        return;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
      switch (field) {
        case "id" -> id = value;
        case "event" -> event = value;
        case "retry" -> retry = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> throw new AssertionError("unknown field in the stream: " + line);
      }
    }

    Block build() {
      return new Block(
          id, event, data == null ? null : data.toString(), retry, List.copyOf(comments));
    }
  }
}
