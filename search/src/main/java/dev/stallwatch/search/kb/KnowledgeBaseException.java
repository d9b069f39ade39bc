package dev.stallwatch.search.kb;

/**
 * A knowledge base file or entry that cannot be used. The message names the file, the entry and the
 * field, and says what is wrong, e.g. {@code known-issues.yaml: entry 3 (microsoft/WSL#11066):
 * status: must be one of open, closed, fixed}.
 */
public final class KnowledgeBaseException extends RuntimeException {

  public KnowledgeBaseException(String message) {
    super(message);
  }

  public KnowledgeBaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
