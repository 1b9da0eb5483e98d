package dev.gitops.cli;

import dev.gitops.apply.SyncOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads an app file ({@code --app FILE}): one YAML mapping describing an application. Every field
 * is checked; an unknown one is an error naming its line, so that a typo never silently changes
 * what is synced.
 *
 * <pre>
 * name: shop                  # required: a DNS-1123 label
 * source: ../apps/shop        # required: a directory (relative to this file) or REPO_URL@REF[:PATH]
 * root: ..                    # optional, local source only (relative to this file)
 * destination:
 *   namespace: shop           # optional, default "default"
 * syncOptions:
 *   prune: true               # optional, default true
 *   createNamespace: false    # optional, default false
 *   force: false              # optional, default false
 *   replace: false            # optional, default false
 *   healthTimeout: 5m         # optional, default 5m; 0 assesses once without waiting
 * </pre>
 */
final class AppFile {
  static final List<String> FIELDS = List.of("name", "source", "root", "destination", "syncOptions");
  static final List<String> DESTINATION_FIELDS = List.of("namespace");
  static final List<String> SYNC_FIELDS = List.of("prune", "createNamespace", "force", "replace", "healthTimeout");

  private final Path file;

  private AppFile(Path file) {
    this.file = file;
  }

  /**
   * Reads an app file.
   *
   * @throws CliException naming the file (and line) when it cannot be read, does not parse, lacks
   *     a required field or holds an unknown or malformed one
   */
  static AppSpec read(Path file) {
    return new AppFile(file).read();
  }

  private AppSpec read() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CliException("cannot read app file " + file, e);
    }
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
    } catch (YamlEngineException e) {
      throw new CliException("cannot parse app file " + file, e);
    }
    MappingNode top = mapping(root.orElseThrow(() -> new CliException("app file " + file + " is empty")), "the file");
    checkFields(top, FIELDS, "");
    Path base = file.toAbsolutePath().getParent();
    String name = required(top, "name");
    String source = resolve(base, required(top, "source"));
    Path rootDir = scalar(top, "root").map(r -> base.resolve(r).normalize()).orElse(null);
    String namespace = "default";
    Optional<Node> destination = value(top, "destination");
    if (destination.isPresent()) {
      MappingNode d = mapping(destination.get(), "destination");
      checkFields(d, DESTINATION_FIELDS, "destination.");
      namespace = scalar(d, "namespace").orElse(namespace);
    }
    SyncOptions options = SyncOptions.defaults();
    Optional<Node> sync = value(top, "syncOptions");
    if (sync.isPresent()) {
      MappingNode s = mapping(sync.get(), "syncOptions");
      checkFields(s, SYNC_FIELDS, "syncOptions.");
      options = options.withPrune(bool(s, "prune", options.prune()))
          .withCreateNamespace(bool(s, "createNamespace", options.createNamespace()))
          .withForce(bool(s, "force", options.force()))
          .withReplace(bool(s, "replace", options.replace()));
      Optional<String> timeout = scalar(s, "healthTimeout");
      if (timeout.isPresent()) {
        try {
          options = options.withHealthTimeout(DurationText.parse(timeout.get()));
        } catch (IllegalArgumentException e) {
          throw error(value(s, "healthTimeout").orElseThrow(), "syncOptions.healthTimeout: " + e.getMessage());
        }
      }
    }
    return new AppSpec(name, source, rootDir, namespace, options);
  }

  /**
   * A local source (a directory, or a local repository before {@code @}) is relative to the app
   * file's directory; URLs and absolute paths stay as written.
   */
  private static String resolve(Path base, String source) {
    if (Files.isDirectory(base.resolve(source))) {
      return base.resolve(source).normalize().toString();
    }
    int at = source.lastIndexOf('@');
    if (at > 0) {
      String url = source.substring(0, at);
      if (!Location.URL.matcher(url).matches() && !Location.SCP.matcher(url).matches()
          && Files.isDirectory(base.resolve(url))) {
        return base.resolve(url).normalize() + source.substring(at);
      }
    }
    return source;
  }

  private void checkFields(MappingNode m, List<String> known, String prefix) {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : m.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
      if (!known.contains(key)) {
        throw error(t.getKeyNode(), "unknown field '" + prefix + key + "' (known: " + String.join(", ", known) + ")");
      }
      if (!seen.add(key)) {
        throw error(t.getKeyNode(), "field '" + prefix + key + "' given twice");
      }
    }
  }

  private static Optional<Node> value(MappingNode m, String key) {
    return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
        .map(NodeTuple::getValueNode).findFirst();
  }

  private Optional<String> scalar(MappingNode m, String key) {
    Optional<Node> v = value(m, key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof ScalarNode s) || s.getValue().isBlank()) {
      throw error(v.get(), "field '" + key + "' must be a non-empty text");
    }
    return Optional.of(s.getValue());
  }

  private String required(MappingNode m, String key) {
    return scalar(m, key).orElseThrow(() -> error(m, "field '" + key + "' is required"));
  }

  private boolean bool(MappingNode m, String key, boolean fallback) {
    Optional<String> v = scalar(m, key);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(value(m, key).orElseThrow(), "syncOptions." + key + " must be true or false, not '"
          + v.get() + "'");
    };
  }

  private MappingNode mapping(Node n, String what) {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw error(n, what + " must be a mapping of fields");
  }

  private CliException error(Node at, String message) {
    String line = at.getStartMark().map(m -> " line " + (m.getLine() + 1)).orElse("");
    return new CliException("app file " + file + line + ": " + message);
  }
}
