package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.search.kb.KnowledgeBase;
import java.nio.file.Files;
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

  KnowledgeBase load() throws StartupException {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new StartupException("--data-dir " + dataDir + " is a file; name a directory");
    }
    return KnowledgeBase.withImported(kbDir());
  }
}
