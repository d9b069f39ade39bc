package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the Windows user's home as the distro sees it ({@code /mnt/c/Users/NAME}, the mount root
 * taken from {@code /etc/wsl.conf} {@code [automount] root=}): the one user directory that holds a
 * {@code .wslconfig} or an {@code AppData} folder. With none or several, the user must say which.
 */
public final class WindowsHome {

  private static final Set<String> NOT_USERS =
      Set.of("public", "default", "default user", "all users", "defaultapppool", "desktop.ini");

  private WindowsHome() {}

  /** The candidates under the root, sorted; the home is found when there is exactly one. */
  public static List<Path> candidates(Path root) {
    Path users = root.resolve(mountRoot(root)).resolve("c/Users");
    List<Path> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(users)) {
      for (Path dir : dirs.sorted().toList()) {
        String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!NOT_USERS.contains(name)
            && Files.isDirectory(dir)
            && (Files.exists(dir.resolve(".wslconfig"))
                || Files.isDirectory(dir.resolve("AppData")))) {
          found.add(dir);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return found;
  }

  public static Optional<Path> find(Path root) {
    List<Path> found = candidates(root);
    return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
  }

  /** The automount root relative to the distro root, {@code mnt} unless wsl.conf says otherwise. */
  static String mountRoot(Path root) {
    try {
      Optional<String> text = SourceFiles.readIfPresent(root.resolve("etc/wsl.conf"), 1 << 16);
      if (text.isPresent()) {
        Map<String, String> conf = IniParser.parse(text.get(), Problems.IGNORE);
        String configured = conf.get("automount.root");
        if (configured != null && !configured.isBlank()) {
          String relative = configured.strip().replaceAll("^/+", "").replaceAll("/+$", "");
          return relative.isEmpty() || relative.contains("..") ? "mnt" : relative;
        }
      }
    } catch (IOException e) {
      // An unreadable wsl.conf leaves WSL's default in force.
    }
    return "mnt";
  }
}
