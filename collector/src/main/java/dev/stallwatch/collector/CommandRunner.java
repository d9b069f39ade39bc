package dev.stallwatch.collector;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an external command ({@code wsl.exe}, {@code docker}) with a time limit, reading at most 1
 * MiB of its output. A command that does not finish in time is killed with its children.
 */
public final class CommandRunner {

  /** What the command printed and how it ended; {@code timedOut} means it was killed. */
  public record Result(int exitCode, byte[] stdout, boolean timedOut, long millis) {}

  private static final int MAX_OUTPUT = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private CommandRunner() {}

  /**
   * @throws IOException when the command cannot be started (not found, not executable)
   */
  public static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .start();
    OutputReader reader = new OutputReader(process.getInputStream());
    Thread thread = new NamedThreadFactory("command-output").newThread(reader);
    thread.start();
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      thread.join(1000);
      return new Result(-1, reader.bytes(), true, millis);
    }
    thread.join(timeout.toMillis());
    return new Result(process.exitValue(), reader.bytes(), false, millis);
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static final class OutputReader implements Runnable {
    private final InputStream in;
    private volatile byte[] bytes = new byte[0];

    OutputReader(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      try (in) {
        bytes = in.readNBytes(MAX_OUTPUT);
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // The process was killed while we read; the caller reports the timeout, and what was
        // read before stays in bytes.
        LOG.debug("output of a killed command ends early: {}", e.toString());
      }
    }

    byte[] bytes() {
      return bytes;
    }
  }
}
