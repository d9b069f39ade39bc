package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server with a {@link ServerSecurity}, bound where a test says, over an in-memory
 * index holding the apt hang, and a client that asks it from a chosen address of this machine.
 */
final class SecuredServer implements AutoCloseable {

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final DashboardServer server;
  private final HttpClient http;

  SecuredServer(ServerSecurity security, String bindAddress) {
    this(security, bindAddress, HttpClient.newHttpClient());
  }

  SecuredServer(ServerSecurity security, String bindAddress, HttpClient http) {
    index.upsert(TestIncidents.aptHang());
    index.refresh();
    this.http = http;
    server = new DashboardServer(index, StackStatus.NONE, security);
    server.start(bindAddress, 0);
  }

  DashboardServer server() {
    return server;
  }

  /**
   * {@code method path} sent to this server at {@code address} (the client's source address is then
   * that address too), with {@code authorization} unless null.
   */
  HttpResponse<String> send(
      String scheme, String address, String method, String path, String authorization)
      throws Exception {
    URI uri = URI.create("%s://%s:%d%s".formatted(scheme, address, server.port(), path));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String address, String method, String path, String authorization)
      throws Exception {
    return send("http", address, method, path, authorization);
  }

  /**
   * An IPv4 address of this machine that is not loopback, so that a request to it comes from a
   * non-loopback address. Fails, rather than skips, on a machine without one: the behaviour the
   * tests check cannot be checked there.
   */
  static String nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
      for (InetAddress address : addresses) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    throw new AssertionError(
        "this machine has no non-loopback IPv4 address, so a request from another address"
            + " cannot be made; run the tests where a network interface is up");
  }

  @Override
  public void close() throws IOException {
    server.close();
    http.close();
    index.close();
    directory.close();
  }
}
