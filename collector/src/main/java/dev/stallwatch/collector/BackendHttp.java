package dev.stallwatch.collector;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.1 client for Docker Desktop's backend API: one {@code GET} per connection
 * ({@code Connection: close}), with a deadline over the whole exchange. The backend is local but
 * undocumented and may hang with the engine, so the deadline closes the connection from another
 * thread rather than trusting the transport to time out.
 */
final class BackendHttp {

  private static final Logger LOG = LoggerFactory.getLogger(BackendHttp.class);

  private BackendHttp() {}

  /**
   * Sends {@code GET path} and reads the answer, whatever its status.
   *
   * @throws SourceAbsentException when the transport has nothing to connect to
   * @throws IOException when the connection fails, the deadline passes or the answer is not HTTP
   */
  static HttpAnswer get(BackendTransport transport, String path, Duration timeout)
      throws IOException {
    BackendTransport.Connection connection = transport.open();
    AtomicBoolean expired = new AtomicBoolean();
    CompletableFuture<Void> deadline =
        CompletableFuture.runAsync(
            () -> {
              expired.set(true);
              closeQuietly(connection);
            },
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    try (connection) {
      OutputStream out = connection.output();
      out.write(request(path));
      out.flush();
      return HttpAnswer.read(new BufferedInputStream(connection.input()));
    } catch (IOException e) {
      if (expired.get()) {
        throw new IOException("no answer within " + timeout.toMillis() + " ms", e);
      }
      throw e;
    } finally {
      deadline.cancel(false);
    }
  }

  static byte[] request(String path) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: stallwatch\r\n"
            + "Accept: application/json\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void closeQuietly(BackendTransport.Connection connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // Closing only ends the wait; the caller reports the timeout, this is detail.
      LOG.debug("closing the backend connection at its deadline failed: {}", e.getMessage());
    }
  }
}
