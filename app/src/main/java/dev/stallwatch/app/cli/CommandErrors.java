package dev.stallwatch.app.cli;

import dev.stallwatch.search.QueryException;
import dev.stallwatch.search.kb.KnowledgeBaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/**
 * Runs a command body and turns what the user can fix (a query that cannot be read, an invalid
 * knowledge base file, a missing file) into one line on stderr and exit code 2, never a stack
 * trace.
 */
final class CommandErrors {

  static final int USAGE = 2;

  private CommandErrors() {}

  static int run(PrintWriter err, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (QueryException | KnowledgeBaseException e) {
      return fail(err, e.getMessage());
    } catch (NoSuchFileException e) {
      return fail(err, "no such file: " + e.getFile());
    } catch (UncheckedIOException e) {
      return fail(err, e.getMessage() + ": " + e.getCause().getMessage());
    } catch (IOException e) {
      return fail(err, e.getMessage());
    }
  }

  static int fail(PrintWriter err, String message) {
    err.println("stallwatch: " + message);
    err.flush();
    return USAGE;
  }
}
