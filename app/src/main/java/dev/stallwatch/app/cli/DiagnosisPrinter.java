package dev.stallwatch.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stallwatch.app.diagnose.Diagnosis;
import dev.stallwatch.model.Incident;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints what {@code stallwatch diagnose} found: for a person, or as one JSON object. */
final class DiagnosisPrinter {

  /** Problems of one file shown on stderr; the rest are counted. */
  static final int PROBLEMS_SHOWN_PER_FILE = 20;

  /**
   * The JSON document: the host, its display name (left out when unknown), its incidents as on
   * {@code stallwatch.incidents}, the files read, the problems, each as {@code FILE:LINE: reason},
   * and the notices of files read leniently, each as {@code FILE: text}.
   */
  record Document(
      String host,
      String hostName,
      List<Incident> incidents,
      List<String> read,
      List<String> problems,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notices) {}

  private DiagnosisPrinter() {}

  static void json(Diagnosis diagnosis, Path dir, PrintWriter out) {
    IncidentPrinter.json(
        new Document(
            diagnosis.host(),
            diagnosis.hostName(),
            diagnosis.incidents(),
            diagnosis.read(),
            diagnosis.problems().stream().map(p -> p.describe(dir)).toList(),
            diagnosis.notices().stream().map(n -> n.describe(dir)).toList()),
        out);
  }

  static void human(Diagnosis diagnosis, Path dir, PrintWriter out) {
    List<String> read = diagnosis.read();
    String host = IncidentPrinter.host(diagnosis.host(), diagnosis.hostName());
    if (diagnosis.incidents().isEmpty()) {
      out.printf("No hang found on %s: nothing in the capture %s points to one.%n", host, dir);
      out.printf(
          "Read %d file(s): %s%n", read.size(), read.isEmpty() ? "none" : String.join(", ", read));
    } else {
      out.printf("Capture of %s in %s, %d file(s) read:%n%n", host, dir, read.size());
      IncidentPrinter.human(diagnosis.incidents(), out);
    }
    if (!diagnosis.problems().isEmpty()) {
      out.printf(
          "%d problem(s) reading the capture (on stderr); the rest was diagnosed.%n",
          diagnosis.problems().size());
    }
  }

  /**
   * Each problem on its own line, at most {@link #PROBLEMS_SHOWN_PER_FILE} a file, after the one
   * notice of each file that was read leniently.
   */
  static void problems(Diagnosis diagnosis, Path dir, PrintWriter err) {
    diagnosis.notices().forEach(notice -> err.println(notice.describe(dir)));
    Map<String, Integer> perFile = new LinkedHashMap<>();
    for (Diagnosis.Problem problem : diagnosis.problems()) {
      int count = perFile.merge(problem.file(), 1, Integer::sum);
      if (count <= PROBLEMS_SHOWN_PER_FILE) {
        err.println(problem.describe(dir));
      }
    }
    perFile.forEach(
        (file, count) -> {
          if (count > PROBLEMS_SHOWN_PER_FILE) {
            err.printf(
                "%s: %d more unreadable line(s) not shown%n",
                dir.resolve(file), count - PROBLEMS_SHOWN_PER_FILE);
          }
        });
  }
}
