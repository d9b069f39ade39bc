package dev.stallwatch.app.cli;

import ch.qos.logback.classic.Level;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.diagnose.Diagnoser;
import dev.stallwatch.app.diagnose.Diagnosis;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stallwatch diagnose DIR}: the incidents a capture of one machine shows, with their
 * evidence, known issues and remediation, through the same parsers and correlation as a running
 * stallwatch, without Kafka.
 */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a capture of one machine (written by 'stallwatch collect --capture DIR', or put"
          + " together by hand) and prints what hung, why, the known issues and what to do. Every"
          + " file of the capture is optional; unknown files are ignored.",
      "",
      "A file or line that cannot be read is named on stderr (FILE:LINE: reason) and the rest is"
          + " still diagnosed.",
      ""
    },
    footer = {
      "",
      "Capture layout (docs/diagnose.md): capture.json (host, bootTime, timezone), dmesg.txt"
          + " (dmesg, dmesg -T or raw /dev/kmsg records), events.jsonl (recorded events; events"
          + " written by hand may leave out v, id and seq, and one notice on stderr says what was"
          + " filled in),"
          + " proc/ (meminfo, pressure/*, diskstats, mounts, cmdline, sys/kernel/osrelease),"
          + " sys/fs/cgroup/memory.reclaim, etc/wsl.conf, var/log/apt/{term,history}.log,"
          + " windows/ (.wslconfig, wsl-version.txt, docker-version.txt,"
          + " AppData/Roaming/Docker/settings-store.json, AppData/Local/Docker/log/host/*.log).",
      "",
      "Exit codes: 0 diagnosed; 1 diagnosed, but some of the capture could not be read;"
          + " 2 DIR is not a directory, or the rules or configuration cannot be used."
    })
final class DiagnoseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The capture directory.")
  Path dir;

  @Option(
      names = "--json",
      description =
          "Print one JSON object {\"host\": ..., \"incidents\": [...], \"read\": [...],"
              + " \"problems\": [...]} instead of text.")
  boolean json;

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "A rules file, or a directory of *.yaml rule files, that adds rules and replaces shipped"
              + " rules with the same id (default: the shipped rules only).")
  Path rules;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A collector configuration, for its kernel rules, Resource Saver patterns and apt"
              + " stall threshold (default: the collector's defaults).")
  Path config;

  @Override
  public Integer call() throws Exception {
    quietCollectorWarnings();
    if (!Files.isDirectory(dir)) {
      throw new StartupException(
          dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + "; name a capture directory (see 'stallwatch collect --capture')");
    }
    Diagnoser diagnoser =
        new Diagnoser(dir, AnalysisOptions.ruleBook(rules), CollectCommand.loadConfig(config));
    Diagnosis diagnosis = diagnoser.diagnose();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DiagnosisPrinter.problems(diagnosis, dir, err);
    if (diagnosis.read().isEmpty()) {
      err.println(
          dir
              + ": holds none of a capture's files (capture.json, dmesg.txt, events.jsonl, proc/,"
              + " windows/, ...); see 'stallwatch diagnose --help'");
    }
    if (json) {
      DiagnosisPrinter.json(diagnosis, dir, out);
    } else {
      DiagnosisPrinter.human(diagnosis, dir, out);
    }
    out.flush();
    err.flush();
    return diagnosis.problems().isEmpty() && !diagnosis.read().isEmpty() ? 0 : 1;
  }

  /**
   * Problems with a capture are reported once, on stderr, with file and line; the collector's own
   * warnings about the same lines would say it twice.
   */
  static void quietCollectorWarnings() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.stallwatch.collector"))
        .setLevel(Level.ERROR);
  }
}
