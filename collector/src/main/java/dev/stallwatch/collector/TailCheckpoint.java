package dev.stallwatch.collector;

import java.util.Objects;

/**
 * Where tailing a file stopped.
 *
 * @param path the file as configured (the name that rotation reuses)
 * @param inode the inode of the file read, null where the filesystem has none (Windows)
 * @param fingerprint a hash of the file's first line, to recognise it after a rename
 * @param offset bytes of it already read and delivered
 */
public record TailCheckpoint(String path, Long inode, String fingerprint, long offset) {

  public TailCheckpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
  }

  /** Whether this checkpoint is about the file with that identity. */
  boolean sameFile(Long otherInode, String otherFingerprint) {
    if (inode != null && otherInode != null) {
      return inode.equals(otherInode);
    }
    // A file too short to have a first line yet is taken for the same file.
    return fingerprint.isEmpty() || fingerprint.equals(otherFingerprint);
  }
}
