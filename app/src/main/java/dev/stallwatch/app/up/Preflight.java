package dev.stallwatch.app.up;

import dev.stallwatch.app.KnownNoiseFilter;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks made before anything starts, so that a user mistake is one clear line. */
final class Preflight {

  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

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

  /**
   * Says in one line what a data directory under the temp directory means (the system may empty
   * it), in place of the warning Kafka Streams gives about its own part of it.
   */
  static void noteTemporaryDataDir(Path dataDir) {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      if (!dataDir.toRealPath().startsWith(temp.toRealPath())) {
        return;
      }
    } catch (IOException unknown) {
      return;
    }
    KnownNoiseFilter.tempDirExplained();
    LOG.info(
        "the data directory {} is under {}, which the system may empty (at boot or by age);"
            + " for incidents that outlive that, use --data-dir elsewhere",
        dataDir.toAbsolutePath().normalize(),
        temp);
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
