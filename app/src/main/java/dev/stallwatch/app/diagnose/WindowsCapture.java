package dev.stallwatch.app.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.collector.CommandRunner;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Windows side of a capture: {@code .wslconfig}, Docker Desktop's Resource Saver settings and
 * backend logs from the user's home, and what {@code wsl.exe --version} and {@code docker version}
 * print.
 */
final class WindowsCapture {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The Docker Desktop settings a diagnosis reads. The rest of the file is left out: it can hold
   * proxy addresses with credentials, registry mirrors and account details.
   */
  static final Set<String> SETTINGS_KEPT =
      Set.of(
          "useresourcesaver",
          "autopausetimeoutseconds",
          "autopausetimedactivityseconds",
          "deprecatedcgroupv1");

  private final Path home;
  private final Path wslExe;
  private final Path dockerExe;

  /**
   * @param home the Windows user's home, null when unknown
   * @param wslExe null when there is none to run
   * @param dockerExe null when there is none to run
   */
  WindowsCapture(Path home, Path wslExe, Path dockerExe) {
    this.home = home;
    this.wslExe = wslExe;
    this.dockerExe = dockerExe;
  }

  List<CaptureItem> write(CaptureOutput out) throws IOException {
    List<CaptureItem> items = new ArrayList<>();
    if (home == null) {
      items.add(
          CaptureItem.skipped(
              CaptureLayout.WINDOWS + "/",
              "no Windows home found (no user directory, or several, with a .wslconfig or"
                  + " AppData under c/Users of the automount root); name it with --windows-home"));
    } else {
      items.add(wslconfig(out));
      items.add(dockerSettings(out));
      items.addAll(backendLogs(out));
    }
    items.add(command(out, CaptureLayout.WSL_VERSION, wslExe, "--version", "wsl.exe"));
    items.add(command(out, CaptureLayout.DOCKER_VERSION, dockerExe, "version", "docker"));
    return items;
  }

  private CaptureItem wslconfig(CaptureOutput out) throws IOException {
    Path file = home.resolve(".wslconfig");
    Optional<byte[]> content;
    try {
      content = CaptureOutput.small(file);
    } catch (IOException e) {
      return CaptureItem.skipped(CaptureLayout.WSLCONFIG, "cannot read " + file + ": " + e);
    }
    return content.isPresent()
        ? out.write(CaptureLayout.WSLCONFIG, content.get(), null)
        : CaptureItem.skipped(CaptureLayout.WSLCONFIG, "no " + file + " (WSL's defaults apply)");
  }

  private CaptureItem dockerSettings(CaptureOutput out) throws IOException {
    for (String path : CaptureLayout.DOCKER_SETTINGS) {
      Path file = home.resolve(path);
      Optional<byte[]> content;
      try {
        content = CaptureOutput.small(file);
      } catch (IOException e) {
        return CaptureItem.skipped(CaptureLayout.windows(path), "cannot read " + file + ": " + e);
      }
      if (content.isEmpty()) {
        continue;
      }
      Optional<byte[]> kept = reduced(content.get());
      return kept.isPresent()
          ? out.write(
              CaptureLayout.windows(path), kept.get(), "only the Resource Saver and cgroup keys")
          : CaptureItem.skipped(
              CaptureLayout.windows(path),
              "not a JSON object, so not copied (the whole file may hold proxy credentials)");
    }
    return CaptureItem.skipped(
        CaptureLayout.windows(CaptureLayout.DOCKER_SETTINGS.getFirst()),
        "no Docker Desktop settings under " + home);
  }

  /**
   * The settings with only the keys {@link #SETTINGS_KEPT}, as they were spelled; empty when the
   * file is not a JSON object.
   */
  static Optional<byte[]> reduced(byte[] json) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (tree == null || !tree.isObject()) {
      return Optional.empty();
    }
    ObjectNode kept = Json.mapper().createObjectNode();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      if (SETTINGS_KEPT.contains(field.getKey().toLowerCase(Locale.ROOT))) {
        kept.set(field.getKey(), field.getValue());
      }
    }
    try {
      return Optional.of(
          (Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(kept)
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from JSON can be written", e);
    }
  }

  /** The backend log and its rotated copies ({@code NAME.SUFFIX}), the end of each. */
  private List<CaptureItem> backendLogs(CaptureOutput out) throws IOException {
    Path dir = home.resolve(CaptureLayout.DOCKER_LOG_DIR);
    String captured = CaptureLayout.windows(CaptureLayout.DOCKER_LOG_DIR);
    List<Path> logs;
    try (Stream<Path> files = Files.list(dir)) {
      logs =
          files
              .filter(f -> f.getFileName().toString().startsWith(CaptureLayout.BACKEND_LOG))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      return List.of(
          CaptureItem.skipped(
              captured + "/" + CaptureLayout.BACKEND_LOG, "no Docker Desktop logs in " + dir));
    }
    List<CaptureItem> items = new ArrayList<>();
    for (Path log : logs) {
      String path = captured + "/" + log.getFileName();
      try {
        Optional<byte[]> content = CaptureOutput.tail(log);
        if (content.isPresent()) {
          long size = Files.size(log);
          items.add(
              out.write(
                  path,
                  content.get(),
                  size > content.get().length ? "the last lines of " + size + " bytes" : null));
        }
      } catch (IOException e) {
        items.add(CaptureItem.skipped(path, "cannot read " + log + ": " + e));
      }
    }
    return items;
  }

  private static CaptureItem command(
      CaptureOutput out, String path, Path executable, String argument, String name)
      throws IOException {
    if (executable == null) {
      return CaptureItem.skipped(
          path, "no " + name + " to run (not on the PATH, or --root is not /)");
    }
    String shown = executable + " " + argument;
    CommandRunner.Result result;
    try {
      result = CommandRunner.run(List.of(executable.toString(), argument), COMMAND_TIMEOUT);
    } catch (IOException e) {
      return CaptureItem.skipped(path, "cannot run " + shown + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CaptureItem.skipped(path, "interrupted while running " + shown);
    }
    if (result.timedOut()) {
      return CaptureItem.skipped(
          path, shown + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
    }
    if (result.exitCode() != 0) {
      return CaptureItem.skipped(path, shown + " exited with code " + result.exitCode());
    }
    return out.write(path, result.stdout(), "output of " + shown);
  }
}
