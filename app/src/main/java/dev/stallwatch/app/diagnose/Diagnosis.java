package dev.stallwatch.app.diagnose;

import dev.stallwatch.model.Incident;
import java.nio.file.Path;
import java.util.List;

/**
 * What a capture shows.
 *
 * @param host the machine the capture is of
 * @param hostName the machine's display name (its hostname); null when the capture does not say
 * @param incidents the latest version of each incident, oldest onset first; empty when nothing hung
 * @param read the capture's files that were read, relative to the capture directory
 * @param problems what could not be read, each naming its file
 * @param notices what was read leniently, one line per file ({@code events.jsonl: 12 of 12 event(s)
 *     were not in the wire format ...}); not problems, the events counted
 */
public record Diagnosis(
    String host,
    String hostName,
    List<Incident> incidents,
    List<String> read,
    List<Problem> problems,
    List<Notice> notices) {

  public Diagnosis {
    incidents = List.copyOf(incidents);
    read = List.copyOf(read);
    problems = List.copyOf(problems);
    notices = List.copyOf(notices);
  }

  /**
   * A file that was read, with something said about how.
   *
   * @param file relative to the capture directory
   */
  public record Notice(String file, String text) {

    /** {@code DIR/FILE: text}. */
    public String describe(Path dir) {
      return dir.resolve(file) + ": " + text;
    }
  }

  /**
   * A file, or a line of it, that could not be read.
   *
   * @param file relative to the capture directory
   * @param line 1-based, 0 when the problem is with the whole file
   */
  public record Problem(String file, int line, String reason) {

    /** {@code DIR/FILE:LINE: reason}, or {@code DIR/FILE: reason} for the whole file. */
    public String describe(Path dir) {
      return dir.resolve(file) + (line > 0 ? ":" + line : "") + ": " + reason;
    }
  }
}
