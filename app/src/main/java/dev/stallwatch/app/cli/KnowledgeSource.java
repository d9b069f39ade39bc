package dev.stallwatch.app.cli;

import dev.stallwatch.search.kb.KnowledgeBase;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the knowledge base comes from: the shipped entries plus a data directory's imports. */
final class KnowledgeSource {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "stallwatch-data",
      description =
          "Data directory whose kb/ folder holds imported issues, as for 'up' (default:"
              + " ${DEFAULT-VALUE}).")
  Path dataDir;

  Path kbDir() {
    return dataDir.resolve("kb");
  }

  KnowledgeBase load() {
    return KnowledgeBase.withImported(kbDir());
  }
}
