package dev.stallwatch.app.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the kernel log buffer holds now, as raw /dev/kmsg records. /dev/kmsg hands out one record
 * per read and then blocks until the kernel logs again; Java cannot open it non-blocking, so a
 * reader thread reads and the caller stops once no record came for a short while (everything
 * buffered comes at once) and closes the channel, which ends the blocked read. A regular file (a
 * fixture tree) is simply read to its end.
 */
final class KmsgSnapshot {

  // A kmsg record is at most 8 KiB (CONSOLE_EXT_LOG_MAX); a smaller buffer makes read(2) fail.
  private static final int RECORD_BYTES = 16 * 1024;
  private static final int MAX_BYTES = 16 << 20;
  // What read(2) reports when the record about to be returned was overwritten; the next read
  // returns the oldest record left.
  private static final String OVERRUN = "Broken pipe";
  private static final byte[] END = new byte[0];

  private KmsgSnapshot() {}

  /**
   * @param quiet how long without a new record means the buffer has been read
   * @param limit the longest the whole read may take, should the kernel log without pause
   * @throws IOException when the log cannot be opened or read (without CAP_SYSLOG, for one)
   */
  static byte[] read(Path kmsg, Duration quiet, Duration limit) throws IOException {
    FileChannel channel = FileChannel.open(kmsg, StandardOpenOption.READ);
    BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> pump(channel, chunks), "kmsg-capture");
    reader.setDaemon(true);
    reader.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (out.size() < MAX_BYTES && System.nanoTime() < deadline) {
        Object next = chunks.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null || next == END) {
          break;
        }
        if (next instanceof IOException e) {
          throw e;
        }
        out.writeBytes((byte[]) next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + kmsg);
    } finally {
      channel.close();
    }
    return out.toByteArray();
  }

  private static void pump(FileChannel channel, BlockingQueue<Object> chunks) {
    ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES);
    while (true) {
      buffer.clear();
      int n;
      try {
        n = channel.read(buffer);
      } catch (AsynchronousCloseException e) {
        // The caller has what it wanted and closed the channel under the blocked read.
        return;
      } catch (IOException e) {
        if (OVERRUN.equals(e.getMessage())) {
          continue;
        }
        chunks.add(e);
        return;
      }
      if (n < 0) {
        chunks.add(END);
        return;
      }
      chunks.add(Arrays.copyOf(buffer.array(), n));
    }
  }
}
