package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits a byte channel into UTF-8 lines with a bound on line length, so a file without newlines
 * cannot exhaust memory. Longer lines are dropped whole and counted. Each read asks for at least
 * {@code maxLineBytes} of space, which /dev/kmsg needs: it returns one whole record per read and
 * fails when the buffer is too small for it. Not thread-safe.
 */
final class BoundedLineReader {

  private final ReadableByteChannel channel;
  private final int maxLineBytes;
  private final ByteBuffer buffer;
  private boolean discarding;
  private boolean eof;
  private long oversizedLines;

  BoundedLineReader(ReadableByteChannel channel, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive");
    }
    this.channel = Objects.requireNonNull(channel, "channel");
    this.maxLineBytes = maxLineBytes;
    // Room for one whole pending line plus one whole read.
    this.buffer = ByteBuffer.allocate(2 * maxLineBytes + 1);
    buffer.flip();
  }

  /**
   * The next line without its line end, or null at the end of input. Blocks while the channel does.
   * A last line without a newline is returned too.
   */
  String readLine() throws IOException {
    while (true) {
      int newline = indexOfNewline();
      if (newline >= 0) {
        String line = take(newline);
        if (line != null) {
          return line;
        }
        continue;
      }
      if (buffer.remaining() > maxLineBytes) {
        discardPending();
      }
      if (eof) {
        return buffer.hasRemaining() && !discarding ? take(buffer.limit()) : null;
      }
      fill();
    }
  }

  /** Lines dropped because they were longer than the bound. */
  long oversizedLines() {
    return oversizedLines;
  }

  private int indexOfNewline() {
    for (int i = buffer.position(); i < buffer.limit(); i++) {
      if (buffer.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Consumes the bytes up to {@code end} and a newline there; null if the line was dropped. */
  private String take(int end) {
    int start = buffer.position();
    buffer.position(Math.min(end + 1, buffer.limit()));
    if (discarding) {
      discarding = false;
      return null;
    }
    if (end - start > maxLineBytes) {
      oversizedLines++;
      return null;
    }
    int length = end > start && buffer.get(end - 1) == '\r' ? end - start - 1 : end - start;
    byte[] bytes = new byte[length];
    buffer.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void discardPending() {
    if (!discarding) {
      oversizedLines++;
      discarding = true;
    }
    buffer.position(buffer.limit());
  }

  private void fill() throws IOException {
    buffer.compact();
    try {
      if (channel.read(buffer) < 0) {
        eof = true;
      }
    } finally {
      buffer.flip();
    }
  }
}
