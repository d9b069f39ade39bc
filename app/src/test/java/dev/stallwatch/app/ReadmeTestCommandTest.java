package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI runs the README's test command and nothing else, so what CI proves on a fresh machine is what
 * a reader who types that command gets; set-up the tests need belongs in the build.
 */
class ReadmeTestCommandTest {

  // Set by surefire (root pom); the parent of the module directory when run from an IDE.
  private static final Path PROJECT = Path.of(System.getProperty("stallwatch.projectDir", ".."));

  @Test
  void shouldRunExactlyTheReadmesTestCommandInCi() throws IOException {
    List<String> readme = readmeTestCommands();

    assertThat(readme)
        .as("the ```sh block under \"## Run the tests\" in README.md")
        .isNotEmpty()
        .allSatisfy(command -> assertThat(command).startsWith("mvn "));
    assertThat(ciCommands())
        .as(
            ".ci/run must run the README's test command and nothing else (what the tests need is"
                + " set up by the build, see .mvn/test-peers)")
        .containsExactlyElementsOf(readme);
  }

  /** The command lines of the first sh block in README.md's "Run the tests" section. */
  private static List<String> readmeTestCommands() throws IOException {
    List<String> lines = Files.readAllLines(PROJECT.resolve("README.md"));
    int section = lines.indexOf("## Run the tests");
    assertThat(section).as("README.md has a \"## Run the tests\" section").isNotNegative();
    List<String> commands = new ArrayList<>();
    boolean inBlock = false;
    for (String line : lines.subList(section + 1, lines.size())) {
      if (line.startsWith("## ") || (inBlock && line.equals("```"))) {
        break;
      }
      if (inBlock) {
        commands.addAll(commandLine(line));
      }
      inBlock |= line.equals("```sh");
    }
    return commands;
  }

  /** The commands .ci/run runs, leaving out the shell set-up (shebang, comments, set, cd). */
  private static List<String> ciCommands() throws IOException {
    return Files.readAllLines(PROJECT.resolve(".ci/run")).stream()
        .flatMap(line -> commandLine(line).stream())
        .filter(line -> !line.startsWith("set -") && !line.startsWith("cd "))
        .toList();
  }

  private static List<String> commandLine(String line) {
    String trimmed = line.strip();
    return trimmed.isEmpty() || trimmed.startsWith("#") ? List.of() : List.of(trimmed);
  }
}
