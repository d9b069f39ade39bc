package dev.stallwatch.collector;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tail checkpoints of one collector, in {@code checkpoints.json} of its state directory,
 * replaced atomically on each save. Sources save a checkpoint only after the events read before it
 * were delivered ({@link EventSink#afterDelivery}), so a restart re-reads what was not.
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final Path file;
  private final Map<String, TailCheckpoint> checkpoints = new TreeMap<>();

  /** Loads the checkpoints under {@code stateDir}; an unreadable file is reported and ignored. */
  public CheckpointStore(Path stateDir) {
    this.file = stateDir.resolve("checkpoints.json");
    try {
      byte[] bytes = Files.readAllBytes(file);
      checkpoints.putAll(
          Json.mapper().readValue(bytes, new TypeReference<Map<String, TailCheckpoint>>() {}));
    } catch (NoSuchFileException e) {
      LOG.debug("no checkpoints yet in {}", file);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "ignoring unreadable checkpoints {} (files are read from their end): {}",
          file,
          e.toString());
    }
  }

  /** A store that keeps checkpoints in memory only (parse, tests). */
  static CheckpointStore inMemory() {
    return new CheckpointStore(null, true);
  }

  private CheckpointStore(Path file, boolean unused) {
    this.file = file;
  }

  public synchronized Optional<TailCheckpoint> get(String path) {
    return Optional.ofNullable(checkpoints.get(path));
  }

  /** Remembers the checkpoint and writes the file; a write failure is logged, not thrown. */
  public synchronized void save(TailCheckpoint checkpoint) {
    checkpoints.put(checkpoint.path(), checkpoint);
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, Json.mapper().writeValueAsBytes(checkpoints));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot save checkpoint for {}: {}", checkpoint.path(), e.toString());
    }
  }
}
