package dev.stallwatch.collector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Docker Desktop's backend API as a test sees it: a real Unix socket server on a thread, answering
 * each connection with the bytes it is told to (or holding the connection without answering, like a
 * backend that hangs), and keeping the request heads it received.
 */
final class FakeBackend implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Thread thread;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<SocketChannel> held = new CopyOnWriteArrayList<>();
  private volatile byte[] answer;

  FakeBackend(Path socket) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread = Thread.ofPlatform().daemon().name("fake-backend").start(this::serve);
  }

  /** The next connections get these bytes, then the connection is closed. */
  void answer(String raw) {
    answer = raw.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON answer with Content-Length, as the backend's HTTP server sends it. */
  void answerJson(int status, String reason, String json) {
    answer(
        "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            .formatted(status, reason, json.getBytes(StandardCharsets.UTF_8).length, json));
  }

  /** The next connections are accepted and never answered. */
  void hang() {
    answer = null;
  }

  List<String> requests() {
    return requests;
  }

  private void serve() {
    try {
      while (true) {
        SocketChannel client = server.accept();
        requests.add(readHead(client));
        byte[] reply = answer;
        if (reply == null) {
          held.add(client);
          continue;
        }
        client.write(ByteBuffer.wrap(reply));
        client.close();
      }
    } catch (IOException e) {
      // The server was closed at the end of the test.
    }
  }

  private static String readHead(SocketChannel client) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
      buffer.clear();
      if (client.read(buffer) < 0) {
        break;
      }
      head.write(buffer.array(), 0, buffer.position());
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(5000);
    for (SocketChannel channel : held) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
