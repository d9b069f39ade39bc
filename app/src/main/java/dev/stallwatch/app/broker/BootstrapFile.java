package dev.stallwatch.app.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DATA/bootstrap}: the embedded broker's address as one line, {@code 127.0.0.1:PORT},
 * written at each start so that kcat or Kafka's console tools can be pointed at it, and read at the
 * next start so the broker listens on the same port again when that port is free.
 */
public final class BootstrapFile {

  private static final Pattern ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d{1,5})");

  private final Path file;

  public BootstrapFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /**
   * The port the file names; empty when there is no file, it cannot be read (writing it then says
   * why) or it holds something else.
   */
  public OptionalInt previousPort() {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException firstStartOrUnreadable) {
      return OptionalInt.empty();
    }
    Matcher address = ADDRESS.matcher(content);
    if (!address.matches()) {
      return OptionalInt.empty();
    }
    int port = Integer.parseInt(address.group(1));
    return port > 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
  }

  /** Replaces the file's content with {@code bootstrapServers}, so a reader never sees half. */
  public void write(String bootstrapServers) throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.writeString(next, bootstrapServers + "\n", StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
