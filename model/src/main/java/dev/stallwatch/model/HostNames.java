package dev.stallwatch.model;

/**
 * What a machine's display name may be: 1 to {@value #MAX_LENGTH} letters, digits, {@code -},
 * {@code .} or {@code _}, as Linux hostnames and Windows computer names are. The name comes from
 * the machine, so whoever reads it gets text that can be shown anywhere (a terminal, a page) as it
 * is: no spaces, no control or formatting characters, nothing that markup would read.
 */
public final class HostNames {

  /** The longest name: Linux's HOST_NAME_MAX. */
  public static final int MAX_LENGTH = 64;

  private HostNames() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return false;
    }
    return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || "-._".indexOf(c) >= 0);
  }

  /**
   * The name, checked; null stays null (the name is optional).
   *
   * @throws IllegalArgumentException naming the field and the rule, when the name breaks it
   */
  public static String checked(String field, String name) {
    if (name != null && !isValid(name)) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to "
              + MAX_LENGTH
              + " letters, digits, '-', '.' or '_' (a host name), was "
              + name.codePointCount(0, name.length())
              + " characters");
    }
    return name;
  }
}
