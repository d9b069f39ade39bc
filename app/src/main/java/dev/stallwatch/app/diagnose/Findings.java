package dev.stallwatch.app.diagnose;

import dev.stallwatch.collector.Problems;
import java.util.ArrayList;
import java.util.List;

/** What was read of a capture and what could not be, gathered while it is read. */
final class Findings {

  private final List<String> read = new ArrayList<>();
  private final List<Diagnosis.Problem> problems = new ArrayList<>();
  private final List<Diagnosis.Notice> notices = new ArrayList<>();

  void read(String file) {
    read.add(file);
  }

  void problem(String file, int line, String reason) {
    problems.add(new Diagnosis.Problem(file, line, reason));
  }

  /** Where a parser reports the lines of {@code file} it could not read. */
  Problems of(String file) {
    return (line, reason) -> problem(file, line, reason);
  }

  /** The files read, in path order. */
  List<String> read() {
    return read.stream().distinct().sorted().toList();
  }

  /** Something read leniently, said once for its file. */
  void notice(String file, String text) {
    notices.add(new Diagnosis.Notice(file, text));
  }

  List<Diagnosis.Notice> notices() {
    return List.copyOf(notices);
  }

  List<Diagnosis.Problem> problems() {
    return List.copyOf(problems);
  }
}
