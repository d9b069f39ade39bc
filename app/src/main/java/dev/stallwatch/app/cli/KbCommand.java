package dev.stallwatch.app.cli;

import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.KnowledgeEvaluation;
import dev.stallwatch.search.KnowledgeHit;
import dev.stallwatch.search.kb.GitHubIssues;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.search.kb.KnowledgeEntry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stallwatch kb}: the knowledge base of known issues, without a server. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = {
      "The knowledge base of known WSL and Docker Desktop issues that ships with stallwatch,"
          + " plus the issues your team imported. Works offline: no server needed."
    },
    subcommands = {
      KbCommand.ListIssues.class,
      KbCommand.Show.class,
      KbCommand.Search.class,
      KbCommand.Import.class,
      KbCommand.Eval.class
    },
    commandListHeading = "%nCommands:%n")
final class KbCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every known issue.")
  static final class ListIssues implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeSource source;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (KnowledgeEntry e : source.load().entries()) {
        out.printf(
            Locale.ROOT,
            "%-27s %-7s %s%s%n",
            e.id(),
            e.status(),
            e.title(),
            e.reviewed() ? "" : "  (unreviewed)");
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows one known issue: symptoms, errors, versions, cause, what helps.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeSource source;

    @Parameters(paramLabel = "ID", description = "The issue, e.g. microsoft/WSL#11066.")
    String id;

    @Option(names = "--json", description = "Print the entry as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      var entry = source.load().get(id);
      if (entry.isEmpty()) {
        return CommandErrors.fail(
            spec.commandLine().getErr(),
            "the knowledge base has no issue '%s'; 'stallwatch kb list' lists them".formatted(id));
      }
      if (json) {
        out.println(KnowledgeOutput.json(entry.get()));
      } else {
        KnowledgeOutput.entry(out, entry.get());
      }
      return 0;
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Finds the known issues that match what you saw: words, a pasted error line, an error"
            + " code, versions ('docker 4.42'). Best match first.",
        "Example: stallwatch kb search \"Wsl/Service/E_UNEXPECTED\""
      })
  static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeSource source;

    @Parameters(paramLabel = "TEXT", description = "What you saw.")
    String text;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "5",
        description = "How many issues to show, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--json",
        description = "Print a JSON array, best first, of objects with id, title, url, score...")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (limit < 1 || limit > 100) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be from 1 to 100, was " + limit);
      }
      try (IncidentIndex index = IncidentIndex.inMemory(source.load())) {
        List<KnowledgeHit> hits = index.searchKnowledge(text, limit);
        if (json) {
          out.println(KnowledgeOutput.json(hits));
        } else {
          KnowledgeOutput.hits(out, hits);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Adds GitHub issues to the knowledge base of this data directory, from the JSON of"
            + " GitHub's REST API (one issue or an array), e.g. saved from"
            + " https://api.github.com/repos/OWNER/REPO/issues/N. Importing an issue again"
            + " updates it; shipped issues are left as they are. Nothing is written unless every"
            + " issue in the file is valid. A running server picks them up at its next start."
      })
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeSource source;

    @Parameters(paramLabel = "FILE", description = "GitHub issue JSON.")
    Path file;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<KnowledgeEntry> incoming;
      try (InputStream in = Files.newInputStream(InputFiles.regularFile("", file))) {
        incoming = GitHubIssues.read(in, file.getFileName().toString());
      }
      KnowledgeBase shipped = KnowledgeBase.shipped();
      Map<String, KnowledgeEntry> imported = new LinkedHashMap<>();
      KnowledgeBase.readImported(source.kbDir()).forEach(e -> imported.put(key(e), e));
      List<String> added = new ArrayList<>();
      for (KnowledgeEntry e : incoming) {
        if (shipped.get(e.id()).isPresent()) {
          out.println("skipped " + e.id() + ": it ships with stallwatch already");
        } else {
          imported.put(key(e), e);
          added.add(e.id());
        }
      }
      if (!added.isEmpty()) {
        KnowledgeBase.writeImported(source.kbDir(), List.copyOf(imported.values()));
      }
      out.printf(
          "imported %d issue%s into %s%s%n",
          added.size(),
          added.size() == 1 ? "" : "s",
          source.kbDir().resolve(KnowledgeBase.IMPORTED_FILE),
          added.isEmpty() ? "" : ": " + String.join(", ", added));
      return 0;
    }

    private static String key(KnowledgeEntry e) {
      return e.id().toLowerCase(Locale.ROOT);
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = {
        "Measures the knowledge base search on an evaluation set of symptom queries, each with"
            + " the issues that answer it: prints recall@1, recall@3 (a right issue among the"
            + " first 1 or 3) and MRR (mean of 1/rank of the first right issue)."
      })
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KnowledgeSource source;

    @Option(
        names = "--queries",
        paramLabel = "FILE",
        description = "An evaluation set in YAML (default: the set shipped with stallwatch).")
    Path queries;

    @Option(names = "--verbose", description = "Also print every query with its rank.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<KnowledgeEvaluation.Case> cases;
      if (queries == null) {
        cases = KnowledgeEvaluation.shippedSet();
      } else {
        try (InputStream in = Files.newInputStream(InputFiles.regularFile("--queries", queries))) {
          cases = KnowledgeEvaluation.readSet(in, queries.getFileName().toString());
        }
      }
      var report = KnowledgeEvaluation.run(source.load(), cases);
      for (var o : report.outcomes()) {
        if (verbose || o.rank() == 0 || o.rank() > 3) {
          out.printf(
              "%s  %s -> %s%n",
              o.rank() == 0 ? "miss " : "rank " + o.rank(),
              o.query().query(),
              o.top().subList(0, Math.min(3, o.top().size())));
        }
      }
      out.println(report.summary());
      return 0;
    }
  }
}
