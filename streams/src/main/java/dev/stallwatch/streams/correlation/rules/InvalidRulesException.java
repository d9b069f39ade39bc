package dev.stallwatch.streams.correlation.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files that cannot be used, with every problem found in them. */
public final class InvalidRulesException extends Exception {

  private final List<RuleError> errors;

  public InvalidRulesException(List<RuleError> errors) {
    super(errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<RuleError> errors() {
    return errors;
  }
}
