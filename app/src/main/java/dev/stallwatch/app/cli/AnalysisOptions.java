package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.rules.Durations;
import dev.stallwatch.streams.correlation.rules.InvalidRulesException;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options every command that correlates shares: which rules, and how long the grace is. */
final class AnalysisOptions {

  @Option(
      names = "--rules",
      paramLabel = "PATH",
      description =
          "A rules file, or a directory of *.yaml rule files, that adds rules and replaces shipped"
              + " rules with the same id (default: the shipped rules only).")
  Path rules;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = GraceConverter.class,
      description =
          "How late an event may arrive and still be applied in event-time order, e.g. 30s or 2m,"
              + " at most 1d (default: ${DEFAULT-VALUE}).")
  Duration grace;

  /** The rules in force; invalid rules are a configuration error the user can fix. */
  RuleBook ruleBook() throws StartupException {
    return ruleBook(rules);
  }

  /** The shipped rules, with those at {@code rules} (null for none) added and tried first. */
  static RuleBook ruleBook(Path rules) throws StartupException {
    if (rules == null) {
      return RuleBook.shipped();
    }
    try {
      return RuleBook.load(rules);
    } catch (InvalidRulesException e) {
      throw new StartupException("invalid rules:\n" + e.getMessage(), e);
    } catch (IOException e) {
      throw new StartupException(
          "cannot read the rules at " + rules + " (" + e.getMessage() + ")", e);
    }
  }

  AnalysisSettings settings() {
    return AnalysisSettings.DEFAULTS.withGrace(grace);
  }

  /**
   * Reads {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}, up to 3650d: a longer one would push
   * event times past what a clock can show, and only a typing mistake writes it.
   */
  static class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private final Duration max;
    private final String maxText;

    DurationConverter() {
      this(Duration.ofDays(3650), "3650d");
    }

    DurationConverter(Duration max, String maxText) {
      this.max = max;
      this.maxText = maxText;
    }

    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = Durations.parse(value);
      } catch (NumberFormatException | ArithmeticException e) {
        throw tooLong(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      if (duration.compareTo(max) > 0) {
        throw tooLong(value);
      }
      return duration;
    }

    private CommandLine.TypeConversionException tooLong(String value) {
      return new CommandLine.TypeConversionException(
          "'" + value + "' is too long; at most " + maxText);
    }
  }

  /**
   * The grace, up to 1d: events are held back for it, so a longer one would only hold state for
   * events no collector sends that late.
   */
  static final class GraceConverter extends DurationConverter {
    GraceConverter() {
      super(Duration.ofDays(1), "1d");
    }
  }
}
