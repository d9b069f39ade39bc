package dev.stallwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The backend API on a Unix socket: inside a WSL 2 distro Docker Desktop shares it at {@code
 * /mnt/wsl/docker-desktop/shared-sockets/host-services/backend.sock}. Blocking channel streams, so
 * closing the channel from another thread ends a read that waits.
 */
final class UnixSocketTransport implements BackendTransport {

  private final Path socket;

  UnixSocketTransport(Path socket) {
    this.socket = socket;
  }

  @Override
  public String describe() {
    return "unix socket " + socket;
  }

  @Override
  public Connection open() throws IOException {
    if (!Files.exists(socket)) {
      throw new SourceAbsentException("no socket " + socket);
    }
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Connection() {
      @Override
      public InputStream input() {
        return Channels.newInputStream(channel);
      }

      @Override
      public OutputStream output() {
        return Channels.newOutputStream(channel);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
