package dev.stallwatch.app;

/**
 * A command could not start for a reason the user can fix (a port in use, a data directory that
 * cannot be written). Its message is the one line the user sees; the exit code is 2.
 */
public final class StartupException extends Exception {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
