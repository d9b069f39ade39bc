package dev.stallwatch.app.cli;

/**
 * How many lines of an input a command could and could not read, and the exit code that follows,
 * the same for {@code parse} and {@code replay}: 0 when every line was read (an empty file
 * included), 1 when some were skipped and the rest was used, and 2 when not one could be read,
 * since then the file is not of the kind the command takes.
 */
record LineCounts(int good, int bad) {

  static final int SOME_SKIPPED = 1;

  int exitCode() {
    if (bad == 0) {
      return 0;
    }
    return good == 0 ? CommandErrors.USAGE : SOME_SKIPPED;
  }
}
