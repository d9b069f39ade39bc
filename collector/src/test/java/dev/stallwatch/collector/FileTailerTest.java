package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailerTest {

  @TempDir Path dir;
  private Path log;

  @BeforeEach
  void createLog() throws Exception {
    log = dir.resolve("com.docker.backend.exe.log");
    Files.writeString(log, "[2026-11-20T08:58:02Z][com.docker.backend.exe][I] starting\n");
  }

  private void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void shouldStartAtTheEndLiveAndReturnOnlyCompleteNewLines() throws Exception {
    FileTailer tailer = new FileTailer(log, Optional.empty(), false);
    assertThat(tailer.poll().lines()).isEmpty();

    append(log, "one\r\ntwo\nhalf a li");

    FileTailer.Batch batch = tailer.poll();
    assertThat(batch.lines()).containsExactly("one", "two");
    append(log, "ne\n");
    assertThat(tailer.poll().lines()).containsExactly("half a line");
  }

  @Test
  void shouldResumeFromACheckpointAfterARestart() throws Exception {
    FileTailer first = new FileTailer(log, Optional.empty(), true);
    FileTailer.Batch batch = first.poll();
    append(log, "written while the collector was down\n");

    FileTailer restarted = new FileTailer(log, Optional.of(batch.checkpoint()), false);

    assertThat(restarted.poll().lines()).containsExactly("written while the collector was down");
  }

  @Test
  void shouldReadTheRestOfARotatedFileBeforeTheNewOne() throws Exception {
    FileTailer tailer = new FileTailer(log, Optional.empty(), true);
    tailer.poll();
    append(log, "last line of the old file\n");
    Files.move(log, dir.resolve("com.docker.backend.exe.log.20261120-091200.753"));
    Files.writeString(log, "[2026-11-20T09:12:00Z][com.docker.backend.exe][I] new file\n");

    assertThat(tailer.poll().lines())
        .containsExactly(
            "last line of the old file",
            "[2026-11-20T09:12:00Z][com.docker.backend.exe][I] new file");
  }

  @Test
  void shouldFollowRotationByFingerprintWhereThereIsNoInode() throws Exception {
    FileTailer.Batch batch = new FileTailer(log, Optional.empty(), true).poll();
    TailCheckpoint windowsStyle =
        new TailCheckpoint(
            batch.checkpoint().path(),
            null,
            batch.checkpoint().fingerprint(),
            batch.checkpoint().offset());
    append(log, "after the checkpoint\n");
    Files.move(log, dir.resolve("com.docker.backend.exe.log.1"));
    Files.writeString(log, "[2026-11-20T09:12:00Z][x][I] another first line\n");

    FileTailer restarted = new FileTailer(log, Optional.of(windowsStyle), false);

    assertThat(restarted.poll().lines())
        .containsExactly("after the checkpoint", "[2026-11-20T09:12:00Z][x][I] another first line");
  }

  @Test
  void shouldReadATruncatedFileFromItsStart() throws Exception {
    FileTailer tailer = new FileTailer(log, Optional.empty(), true);
    tailer.poll();
    Files.writeString(log, "x\n");

    assertThat(tailer.poll().lines()).containsExactly("x");
  }

  @Test
  void shouldSkipLinesLongerThanTheBoundAndSayItIsAbsentWithoutAFile() throws Exception {
    FileTailer tailer = new FileTailer(log, Optional.empty(), false);
    tailer.poll();
    append(log, "y".repeat(100_000) + "\nshort\n");

    assertThat(tailer.poll().lines()).containsExactly("short");
    assertThat(tailer.oversizedLines()).isEqualTo(1);
    assertThat(new FileTailer(dir.resolve("none.log"), Optional.empty(), false).poll().present())
        .isFalse();
  }

  @Test
  void shouldSaveCheckpointsThatSurviveTheStore(@TempDir Path state) throws Exception {
    CheckpointStore store = new CheckpointStore(state);
    TailedFile tailed = new TailedFile(log, store, true);
    tailed.poll();
    tailed.commitAfterDelivery(new RecordingSink());

    assertThat(new CheckpointStore(state).get(log.toString()))
        .get()
        .extracting(TailCheckpoint::offset)
        .isEqualTo(Files.size(log));
  }

  @Test
  void shouldIgnoreAnUnreadableCheckpointFile(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve("checkpoints.json"), "{not json");

    assertThat(new CheckpointStore(state).get(log.toString())).isEmpty();
  }
}
