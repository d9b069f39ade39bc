package dev.stallwatch.model.event;

/** Outcome of a timed probe (Docker engine ping, distro round trip). */
public enum ProbeStatus {
  OK,
  SLOW,
  TIMEOUT,
  FAILED
}
