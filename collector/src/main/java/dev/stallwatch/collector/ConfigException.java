package dev.stallwatch.collector;

/**
 * A configuration or rules file is wrong; the message names the file, the key path and what to
 * change, and is all the user sees.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
