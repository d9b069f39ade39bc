package dev.stallwatch.collector;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to Docker Desktop's backend API: a Unix socket inside a WSL distro, a named pipe on
 * Windows. One connection carries one HTTP exchange ({@link BackendHttp}).
 */
interface BackendTransport {

  /** Where the backend is expected, for logs and the manifest ({@code unix socket /mnt/...}). */
  String describe();

  /**
   * Connects once.
   *
   * @throws SourceAbsentException when there is nothing to connect to on this machine
   * @throws IOException when the connection is refused or fails
   */
  Connection open() throws IOException;

  /**
   * One open connection. {@link #close} may be called from another thread to end a read that waits
   * for an answer that does not come.
   */
  interface Connection extends Closeable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;
  }
}
