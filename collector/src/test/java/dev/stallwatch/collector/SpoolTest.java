package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  @TempDir Path dir;

  private static byte[] json(long seq) {
    return ("{\"type\":\"heartbeat\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static List<Long> seqs(List<Spool.Entry> entries) {
    return entries.stream().map(Spool.Entry::seq).toList();
  }

  @Test
  void shouldGiveRecordsBackInOrderAcrossSegments() throws Exception {
    try (Spool spool = new Spool(dir, 1 << 20, 200, FsyncPolicy.NEVER)) {
      for (long seq = 0; seq < 20; seq++) {
        spool.append(seq, "host-a", json(seq));
      }

      List<Spool.Entry> read = spool.read(100);

      assertThat(seqs(read))
          .containsExactlyElementsOf(Stream.iterate(0L, s -> s + 1).limit(20).toList());
      assertThat(read.getFirst().key()).isEqualTo("host-a");
      assertThat(new String(read.get(7).value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"type\":\"heartbeat\",\"seq\":7}");
      assertThat(spool.depth()).isEqualTo(20);
    }
  }

  @Test
  void shouldKeepWhatWasNotAcknowledgedAcrossARestartAndContinueTheSeq() throws Exception {
    try (Spool spool = new Spool(dir, 1 << 20, 200, FsyncPolicy.INTERVAL)) {
      for (long seq = 0; seq < 10; seq++) {
        spool.append(seq, "host-a", json(seq));
      }
      spool.read(4);
      spool.ack(4);
    }

    try (Spool reopened = new Spool(dir, 1 << 20, 200, FsyncPolicy.INTERVAL)) {
      assertThat(seqs(reopened.read(100))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
      assertThat(reopened.maxSeq()).isEqualTo(9);
      assertThat(reopened.depth()).isEqualTo(6);
    }
  }

  @Test
  void shouldListEverySpooledEventForACaptureWithoutChangingTheSpool() throws Exception {
    Path spoolDir = dir.resolve("spool");
    try (Spool spool = new Spool(spoolDir, 1 << 20, 200, FsyncPolicy.NEVER)) {
      for (long seq = 0; seq < 12; seq++) {
        spool.append(seq, "host-a", json(seq));
      }
      spool.read(6);
      spool.ack(6);
    }
    Path last;
    try (Stream<Path> files = Files.list(spoolDir)) {
      last = files.filter(f -> f.toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
    }
    Files.writeString(last, "12\thost-a\t{\"type\":\"hea", StandardOpenOption.APPEND);
    long sizeBefore = Files.size(last);

    List<String> events = SpoolingSink.spooledEvents(dir);

    // The first segment was wholly sent and deleted; the rest is there, sent or not, and the
    // torn last line is left out.
    assertThat(events).hasSize(6).first().isEqualTo("{\"type\":\"heartbeat\",\"seq\":6}");
    assertThat(events).last().isEqualTo("{\"type\":\"heartbeat\",\"seq\":11}");
    assertThat(Files.size(last)).isEqualTo(sizeBefore);
    assertThat(SpoolingSink.spooledEvents(dir.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void shouldSendAgainAfterARewind() throws Exception {
    try (Spool spool = new Spool(dir, 1 << 20, 200, FsyncPolicy.NEVER)) {
      for (long seq = 0; seq < 5; seq++) {
        spool.append(seq, "h", json(seq));
      }
      spool.read(3);
      spool.ack(2);
      spool.rewind();

      assertThat(seqs(spool.read(10))).containsExactly(2L, 3L, 4L);
    }
  }

  @Test
  void shouldDropTheOldestSegmentWhenFullAndCountWhatWasUnsent() throws Exception {
    try (Spool spool = new Spool(dir, 1000, 300, FsyncPolicy.NEVER)) {
      for (long seq = 0; seq < 60; seq++) {
        spool.append(seq, "h", json(seq));
      }

      List<Spool.Entry> left = spool.read(1000);

      assertThat(spool.dropped()).isPositive();
      assertThat(left.size() + spool.dropped()).isEqualTo(60);
      assertThat(seqs(left)).isSorted().endsWith(59L);
      try (Stream<Path> files = Files.list(dir)) {
        long bytes = files.mapToLong(p -> p.toFile().length()).sum();
        assertThat(bytes).isLessThan(1000 + 300);
      }
    }
  }

  @Test
  void shouldDeleteSegmentsOnceEverythingInThemIsAcknowledged() throws Exception {
    try (Spool spool = new Spool(dir, 1 << 20, 200, FsyncPolicy.NEVER)) {
      for (long seq = 0; seq < 30; seq++) {
        spool.append(seq, "h", json(seq));
      }
      spool.read(30);
      spool.ack(30);

      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(p -> p.toString().endsWith(".log")).count()).isEqualTo(1);
      }
      assertThat(spool.depth()).isZero();
    }
  }

  @Test
  void shouldCutATornLastRecordWhenReopened() throws Exception {
    try (Spool spool = new Spool(dir, 1 << 20, 1 << 16, FsyncPolicy.NEVER)) {
      spool.append(0, "h", json(0));
      spool.append(1, "h", json(1));
    }
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    Files.writeString(segment, "2\th\t{\"type\":\"hea", StandardOpenOption.APPEND);

    try (Spool reopened = new Spool(dir, 1 << 20, 1 << 16, FsyncPolicy.NEVER)) {
      reopened.append(2, "h", json(2));

      assertThat(seqs(reopened.read(10))).containsExactly(0L, 1L, 2L);
    }
  }
}
