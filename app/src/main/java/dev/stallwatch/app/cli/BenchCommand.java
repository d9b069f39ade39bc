package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.bench.SearchBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stallwatch bench}: benchmarks, run by hand (never part of the build). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of stallwatch's own parts on this machine.",
    subcommands = {BenchCommand.Search.class},
    commandListHeading = "%nCommands:%n")
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Indexes synthetic incidents into a stallwatch index and into a plain Lucene baseline"
            + " (StandardAnalyzer, same documents, no extras), then times the symptom queries of"
            + " the evaluation set on both. Prints indexing rates, query p50/p99 and the ratios."
            + " Both indexes are written under --work-dir and deleted afterwards."
      })
  static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--incidents",
        paramLabel = "N",
        defaultValue = "1000000",
        description = "Synthetic incidents to index (default: ${DEFAULT-VALUE}).")
    int incidents;

    @Option(
        names = "--queries",
        paramLabel = "N",
        defaultValue = "1000",
        description = "Timed queries per variant (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(
        names = "--work-dir",
        paramLabel = "DIR",
        defaultValue = "${java.io.tmpdir}",
        description = "Where the two indexes are written (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
      if (incidents < 1 || queries < 10) {
        throw new ParameterException(
            spec.commandLine(),
            "--incidents must be at least 1 and --queries at least 10, were %d and %d"
                .formatted(incidents, queries));
      }
      if (!Files.isDirectory(workDir)) {
        throw new StartupException(
            "--work-dir "
                + workDir
                + (Files.exists(workDir) ? " is not a directory" : " does not exist")
                + "; name an existing directory for the two indexes");
      }
      try {
        SearchBenchmark.run(
            new SearchBenchmark.Options(incidents, queries, workDir), spec.commandLine().getOut());
      } catch (IOException e) {
        throw new StartupException(
            "cannot write the indexes under --work-dir "
                + workDir
                + ": "
                + CommandErrors.describe(e),
            e);
      }
      return 0;
    }
  }
}
