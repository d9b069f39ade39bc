package dev.stallwatch.collector;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link FileTailer} whose checkpoints live in a {@link CheckpointStore}: {@link #poll} reads on,
 * {@link #commitAfterDelivery} saves where the last poll stopped once the sink delivered everything
 * emitted before. A restart resumes from the last saved checkpoint.
 */
final class TailedFile {

  private final FileTailer tailer;
  private final CheckpointStore store;
  private FileTailer.Batch last;

  TailedFile(Path file, CheckpointStore store, boolean fromStart) {
    this.store = store;
    this.tailer = new FileTailer(file, store.get(file.toString()), fromStart);
  }

  Path file() {
    return tailer.file();
  }

  FileTailer.Batch poll() throws IOException {
    last = tailer.poll();
    return last;
  }

  void commitAfterDelivery(EventSink sink) {
    FileTailer.Batch batch = last;
    if (batch != null && batch.checkpoint() != null) {
      sink.afterDelivery(() -> store.save(batch.checkpoint()));
    }
  }
}
