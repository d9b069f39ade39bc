package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Shell scripts standing in for wsl.exe and docker, answering like the real ones. */
final class FakeExecutables {

  private FakeExecutables() {}

  static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /**
   * A wsl.exe that answers --version and -l -q in UTF-16LE like the real one when piped, and for -d
   * NAME -e true: returns at once for Ubuntu-24.04, hangs for Frozen, fails for Broken.
   */
  static Path wslExe(Path dir, Path versionFile) throws IOException {
    return script(
        dir,
        "wsl.exe",
        """
        case "$1" in
          --version) cat '%s' ;;
          -l) printf 'Ubuntu-24.04\\r\\ndocker-desktop\\r\\nFrozen\\r\\nBroken\\r\\n' | iconv -f UTF-8 -t UTF-16LE ;;
          -d) case "$2" in
                Frozen) exec sleep 30 ;;
                Broken) printf 'Wsl/Service/E_UNEXPECTED\\r\\n' | iconv -f UTF-8 -t UTF-16LE; exit 1 ;;
                *) exit 0 ;;
              esac ;;
        esac
        """
            .formatted(versionFile));
  }

  static Path docker(Path dir, Path versionFile) throws IOException {
    return script(dir, "docker", "[ \"$1\" = version ] && cat '" + versionFile + "'");
  }
}
