package dev.stallwatch.app.up;

import dev.stallwatch.app.StartupException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Checks made before anything starts, so that a user mistake is one clear line. */
final class Preflight {

  private Preflight() {}

  /**
   * Creates the data directory if needed, proves it writable and locks it for this process.
   *
   * @return the lock; closing it releases the directory
   */
  static AutoCloseable lockDataDir(Path dataDir) throws StartupException {
    Path lockFile = dataDir.resolve(".lock");
    FileChannel channel;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartupException(
          "cannot write to the data directory " + dataDir.toAbsolutePath() + " (" + reason(e) + ")",
          e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw inUse(dataDir);
      }
      return () -> {
        lock.release();
        channel.close();
      };
    } catch (OverlappingFileLockException e) {
      throw inUse(dataDir);
    } catch (IOException e) {
      throw new StartupException("cannot lock " + lockFile + " (" + reason(e) + ")", e);
    }
  }

  static void requireFreePort(String bindAddress, int port) throws StartupException {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      throw new StartupException(
          "port %d on %s is already in use (choose another with --port)"
              .formatted(port, bindAddress),
          e);
    }
  }

  private static StartupException inUse(Path dataDir) {
    return new StartupException(
        "the data directory " + dataDir.toAbsolutePath() + " is in use by another stallwatch");
  }

  private static String reason(IOException e) {
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
