package dev.stallwatch.collector;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.Locale;

/**
 * The backend API on a Windows named pipe ({@code \\.\pipe\dockerBackendApiServer}). Windows opens
 * a pipe client like a file, so a {@link RandomAccessFile} in read-write mode is the connection.
 * Anywhere but Windows there is no such pipe, and opening the name would create an ordinary file,
 * so it is not tried.
 */
final class NamedPipeTransport implements BackendTransport {

  static final String DOCKER_BACKEND_PIPE = "\\\\.\\pipe\\dockerBackendApiServer";

  private final String pipe;
  private final boolean windows;

  NamedPipeTransport(String pipe) {
    this(pipe, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
  }

  NamedPipeTransport(String pipe, boolean windows) {
    this.pipe = pipe;
    this.windows = windows;
  }

  @Override
  public String describe() {
    return "named pipe " + pipe;
  }

  @Override
  public Connection open() throws IOException {
    if (!windows) {
      throw new SourceAbsentException("no named pipe " + pipe + ": named pipes exist on Windows");
    }
    RandomAccessFile file;
    try {
      file = new RandomAccessFile(pipe, "rw");
    } catch (FileNotFoundException e) {
      // Windows answers "cannot find the file" when no backend serves the pipe; other reasons
      // (every instance busy, access denied) are failures to connect, not an absent backend.
      String reason = String.valueOf(e.getMessage());
      if (reason.toLowerCase(Locale.ROOT).contains("cannot find")) {
        throw new SourceAbsentException("no named pipe " + pipe);
      }
      throw e;
    }
    return new Connection() {
      @Override
      public InputStream input() throws IOException {
        return new FileInputStream(file.getFD());
      }

      @Override
      public OutputStream output() throws IOException {
        return new FileOutputStream(file.getFD());
      }

      @Override
      public void close() throws IOException {
        file.close();
      }
    };
  }
}
