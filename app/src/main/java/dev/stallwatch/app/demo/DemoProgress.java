package dev.stallwatch.app.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the demo fleet got through its scenario in one data directory, so that a restart sends
 * neither what was sent before (its incidents would show up twice) nor leaves out what was not.
 * Kept in {@code DATA/demo/scenario.properties}: when the scenario started, and how many of its
 * events were handed to Kafka.
 */
final class DemoProgress {

  static final String FILE_NAME = "scenario.properties";

  private static final Logger LOG = LoggerFactory.getLogger(DemoProgress.class);

  private final Path file;
  private final Instant started;
  private final boolean writable;
  private int sent;

  private DemoProgress(Path file, Instant started, int sent, boolean writable) {
    this.file = file;
    this.started = started;
    this.sent = sent;
    this.writable = writable;
  }

  /**
   * Reads the progress kept in {@code dir}, or starts a scenario now when there is none. A file
   * that cannot be read counts as a scenario sent in full: a demo without new incidents is better
   * than one with every incident twice.
   */
  static DemoProgress load(Path dir, Instant now, int scenarioSize) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    Properties kept = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      kept.load(reader);
    } catch (NoSuchFileException first) {
      Files.createDirectories(dir);
      DemoProgress fresh = new DemoProgress(file, now, 0, true);
      fresh.sent(0);
      return fresh;
    }
    try {
      return new DemoProgress(
          file,
          Instant.parse(kept.getProperty("started", "")),
          Integer.parseInt(kept.getProperty("sent", "").strip()),
          true);
    } catch (DateTimeParseException | NumberFormatException e) {
      LOG.warn(
          "demo fleet: {} is not readable ({}); not sending the scenario again",
          file,
          e.getMessage());
      return new DemoProgress(file, now, scenarioSize, false);
    }
  }

  /** When the scenario started, in this run or an earlier one. */
  Instant started() {
    return started;
  }

  /** How many of the scenario's events were handed to Kafka. */
  int sent() {
    return sent;
  }

  /** Records that the first {@code count} events of the scenario were handed to Kafka. */
  void sent(int count) throws IOException {
    sent = count;
    if (!writable) {
      return;
    }
    String content =
        """
        # The demo fleet of 'stallwatch up --demo' sends its scenario once per data directory:
        # when it started, and how many of its events were handed to Kafka.
        started=%s
        sent=%d
        """
            .formatted(started, count);
    Path next = file.resolveSibling(FILE_NAME + ".next");
    Files.writeString(next, content, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
