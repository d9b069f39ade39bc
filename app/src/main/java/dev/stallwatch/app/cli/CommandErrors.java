package dev.stallwatch.app.cli;

import dev.stallwatch.app.IoProblems;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.collector.ConfigException;
import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.kb.KnowledgeBaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where what goes wrong in a command becomes what the user sees: a single line on
 * stderr, never a stack trace. Wrong options and input the user can fix (a file that is not there,
 * a query that cannot be read, a configuration that does not load) exit with {@link #USAGE}; the
 * rest, which would be a bug, with {@link #FAILED}.
 */
final class CommandErrors
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  /** Wrong usage, or input the user can fix. */
  static final int USAGE = 2;

  /** Something stallwatch did not expect; its stack trace goes to the log at DEBUG. */
  static final int FAILED = 1;

  private static final Logger LOG = LoggerFactory.getLogger(CommandErrors.class);

  private CommandErrors() {}

  /** Sets both handlers on the whole command tree. */
  static CommandLine install(CommandLine commandLine) {
    CommandErrors handler = new CommandErrors();
    return commandLine.setParameterExceptionHandler(handler).setExecutionExceptionHandler(handler);
  }

  static int fail(PrintWriter err, String message) {
    err.println("stallwatch: " + oneLine(message));
    err.flush();
    return USAGE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String help = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
    return fail(command.getErr(), parameterProblem(e) + "; " + help);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof StartupException) {
      // Its message may list several problems (invalid rules), one a line, on purpose.
      err.println("stallwatch: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    if (e instanceof QueryException
        || e instanceof KnowledgeBaseException
        || e instanceof ConfigException) {
      return fail(err, e.getMessage());
    }
    if (e instanceof IOException io) {
      return fail(err, describe(io));
    }
    if (e instanceof UncheckedIOException unchecked) {
      return fail(err, describe(unchecked.getCause()));
    }
    LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), e);
    err.println(
        "stallwatch: unexpected "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
            + " (a bug in stallwatch; please report it with the command you ran)");
    err.flush();
    return FAILED;
  }

  /**
   * Picocli's reason, with only the misspelt option or command blamed: picocli also blames the
   * arguments after it, which are only out of place because of the misspelling.
   */
  private static String parameterProblem(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched)) {
      return e.getMessage();
    }
    List<String> suggestions = unmatched.getSuggestions();
    String didYouMean =
        suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
    List<String> args = unmatched.getUnmatched();
    List<String> options = args.stream().filter(arg -> arg.startsWith("-")).toList();
    if (unmatched.isUnknownOption() && !options.isEmpty()) {
      return "Unknown option: '" + options.getFirst() + "'" + didYouMean;
    }
    boolean hasCommands = !e.getCommandLine().getSubcommands().isEmpty();
    if (hasCommands && !args.isEmpty() && !suggestions.isEmpty()) {
      return "Unknown command: '" + args.getFirst() + "'" + didYouMean;
    }
    return e.getMessage() + didYouMean;
  }

  /** What went wrong with a file, in words: the path and the reason, without exception names. */
  static String describe(IOException e) {
    return IoProblems.describe(e);
  }

  /** Picocli and libraries sometimes say more than one line; the user gets one. */
  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
