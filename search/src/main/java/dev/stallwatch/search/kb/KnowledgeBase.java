package dev.stallwatch.search.kb;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The known issues stallwatch matches symptoms against: the entries shipped in the jar ({@value
 * #SHIPPED_RESOURCE}), plus those a team imported with {@code stallwatch kb import} into {@value
 * #IMPORTED_FILE} under its data directory. Every file is validated when loaded; an invalid one is
 * refused whole with a {@link KnowledgeBaseException} naming the entry and the field.
 */
public final class KnowledgeBase {

  static final String SHIPPED_RESOURCE = "/dev/stallwatch/search/kb/known-issues.yaml";

  /** Imported entries, in the data directory's {@code kb} folder. */
  public static final String IMPORTED_FILE = "imported-issues.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private final Map<String, KnowledgeEntry> byId;

  private KnowledgeBase(Collection<KnowledgeEntry> entries) {
    Map<String, KnowledgeEntry> map = new LinkedHashMap<>();
    entries.forEach(e -> map.putIfAbsent(key(e.id()), e));
    this.byId = map;
  }

  /** The entries shipped with stallwatch. */
  public static KnowledgeBase shipped() {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new KnowledgeBaseException("the shipped knowledge base is missing from the jar");
      }
      return new KnowledgeBase(read(in, "known-issues.yaml", KnowledgeEntry.SHIPPED));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped knowledge base", e);
    }
  }

  /**
   * The shipped entries plus those imported into {@code kbDir} (which may not exist yet). A shipped
   * entry wins over an imported one with the same id: it was reviewed.
   */
  public static KnowledgeBase withImported(Path kbDir) {
    List<KnowledgeEntry> all = new ArrayList<>(shipped().entries());
    all.addAll(readImported(kbDir));
    return new KnowledgeBase(all);
  }

  /** A knowledge base of exactly these entries, for tests and tools. */
  public static KnowledgeBase of(Collection<KnowledgeEntry> entries) {
    return new KnowledgeBase(entries);
  }

  /**
   * The entries of one knowledge base file.
   *
   * @param name the file's name, for error messages
   * @param source what the entries are marked as, {@code shipped} or {@code imported}
   * @throws KnowledgeBaseException if the file is not valid
   */
  public static List<KnowledgeEntry> read(InputStream in, String name, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (JacksonException e) {
      throw new KnowledgeBaseException(
          "%s: not valid YAML (%s)".formatted(name, e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    if (root == null || !root.isObject() || !root.path("entries").isArray()) {
      throw new KnowledgeBaseException(name + ": must hold a list under 'entries'");
    }
    List<KnowledgeEntry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    JsonNode list = root.get("entries");
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String label = "%s: entry %d%s".formatted(name, i + 1, idOf(node));
      KnowledgeEntry entry;
      try {
        entry = EntryReader.read(node, source);
      } catch (EntryReader.InvalidField e) {
        throw new KnowledgeBaseException(label + ": " + e.getMessage(), e);
      }
      Integer earlier = seen.putIfAbsent(key(entry.id()), i + 1);
      if (earlier != null) {
        throw new KnowledgeBaseException(
            label + ": id: already used by entry " + earlier + "; ids must be unique");
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Entries imported into {@code kbDir}, or none if nothing was imported there. */
  public static List<KnowledgeEntry> readImported(Path kbDir) {
    Path file = kbDir.resolve(IMPORTED_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), KnowledgeEntry.IMPORTED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Writes {@code entries} as the imported entries of {@code kbDir}, replacing the file whole
   * (written aside, then moved), so a failed write leaves the previous file as it was.
   */
  public static void writeImported(Path kbDir, List<KnowledgeEntry> entries) {
    try {
      Files.createDirectories(kbDir);
      Path file = kbDir.resolve(IMPORTED_FILE);
      Path temp = Files.createTempFile(kbDir, IMPORTED_FILE, ".tmp");
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("entries", entries.stream().map(EntryWriter::toTree).toList());
      YAML.writeValue(temp.toFile(), root);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the imported issues in " + kbDir, e);
    }
  }

  public List<KnowledgeEntry> entries() {
    return List.copyOf(byId.values());
  }

  /** The entry with this id; the owner and repository are matched without regard to case. */
  public Optional<KnowledgeEntry> get(String id) {
    return Optional.ofNullable(byId.get(key(id)));
  }

  public int size() {
    return byId.size();
  }

  private static String key(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  private static String idOf(JsonNode node) {
    JsonNode id = node == null ? null : node.get("id");
    return id != null && id.isTextual() ? " (" + id.asText() + ")" : "";
  }
}
