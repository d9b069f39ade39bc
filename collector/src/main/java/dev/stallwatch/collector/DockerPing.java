package dev.stallwatch.collector;

import dev.stallwatch.model.event.ProbeStatus;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code GET /_ping} to the Docker engine over its Unix socket, with a deadline covering
 * connect, request and answer. Non-blocking I/O, so a paused engine that accepts the connection and
 * never answers costs exactly the timeout.
 */
final class DockerPing {

  /** The outcome; latency is null unless the engine answered. */
  record Result(ProbeStatus status, Long latencyMillis, String detail) {}

  private static final byte[] REQUEST =
      "GET /_ping HTTP/1.0\r\nHost: docker\r\nUser-Agent: stallwatch\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private DockerPing() {}

  static Result ping(Path socket, Duration timeout, Duration slow) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      ByteBuffer request = ByteBuffer.wrap(REQUEST);
      while (request.hasRemaining()) {
        channel.write(request);
      }
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer answer = ByteBuffer.allocate(4096);
      while (answer.hasRemaining()) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return new Result(
              ProbeStatus.TIMEOUT,
              null,
              "GET /_ping: no answer within " + timeout.toMillis() + " ms");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        if (channel.read(answer) < 0) {
          break;
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000L;
      String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
      return judge(text, millis, slow);
    } catch (IOException e) {
      return new Result(ProbeStatus.FAILED, null, "GET /_ping: " + e.getMessage());
    }
  }

  /** The result for the raw HTTP answer. */
  static Result judge(String answer, long millis, Duration slow) {
    String statusLine = answer.lines().findFirst().orElse("");
    if (!statusLine.matches("HTTP/1\\.[01] 200.*")) {
      return new Result(
          ProbeStatus.FAILED,
          millis,
          "GET /_ping answered "
              + SourceFiles.excerpt(statusLine.isEmpty() ? "nothing" : statusLine));
    }
    if (millis >= slow.toMillis()) {
      return new Result(ProbeStatus.SLOW, millis, "GET /_ping took " + millis + " ms");
    }
    return new Result(ProbeStatus.OK, millis, null);
  }
}
