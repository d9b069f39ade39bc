package dev.stallwatch.app.collect;

import dev.stallwatch.app.IoProblems;
import dev.stallwatch.app.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The collector's state directory (spool, checkpoints, probe file), created and locked for this
 * process: two collectors on one spool would each send and drop the other's events.
 */
public final class StateDir {

  private StateDir() {}

  /** Where state goes by default: /var/lib/stallwatch for root, else under the user's home. */
  public static Path defaultDir() {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/stallwatch/collector");
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("stallwatch").resolve("collector");
  }

  /**
   * Creates and locks the directory.
   *
   * @return the lock; closing it releases the directory
   */
  public static AutoCloseable lock(Path dir) throws StartupException {
    FileChannel channel;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartupException(
          "cannot write to the state directory "
              + dir.toAbsolutePath()
              + ": "
              + IoProblems.describe(e),
          e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw inUse(dir);
      }
      return () -> {
        lock.release();
        channel.close();
      };
    } catch (OverlappingFileLockException e) {
      throw inUse(dir);
    } catch (IOException e) {
      throw new StartupException(
          "cannot lock the state directory " + dir + ": " + IoProblems.describe(e), e);
    }
  }

  private static StartupException inUse(Path dir) {
    return new StartupException(
        "the state directory "
            + dir.toAbsolutePath()
            + " is in use by another collector"
            + " (give each its own with --state-dir)");
  }
}
