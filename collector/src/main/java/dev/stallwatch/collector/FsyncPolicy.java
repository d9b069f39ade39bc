package dev.stallwatch.collector;

/** When the spool forces appended records to disk. */
public enum FsyncPolicy {
  /** After every record: survives a power loss, costs a disk flush per event. */
  ALWAYS,
  /** At most once a second: a killed process loses nothing, a power loss up to a second. */
  INTERVAL,
  /** Never explicitly: left to the kernel's writeback (about 30 s on Linux). */
  NEVER
}
