package dev.gitops.render;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import dev.gitops.model.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Kustomize corpus under {@code kustomize-corpus/}: one directory per case, built at the
 * directory named in its {@code .build} file (or the case directory). {@code .expected.yaml} is
 * the reference kustomize's output (tools/kustomize-corpus-record.sh); {@code .expected-error} a
 * part of the error message we expect instead; {@code .known-difference} says why the case is
 * skipped (a documented difference from kustomize).
 */
final class KustomizeCorpus {
  static final Revision REVISION = new Revision("refs/heads/main", "0".repeat(40), "t <t@example.com>",
      Instant.EPOCH, "corpus", Verification.notChecked());

  private KustomizeCorpus() {}

  /** The corpus directory; {@code -Dkustomize.corpus=<dir>} points the tests at another one. */
  static Path root() {
    String other = System.getProperty("kustomize.corpus");
    if (other != null && !other.isBlank()) {
      return Path.of(other);
    }
    try {
      return Path.of(KustomizeCorpus.class.getResource("/kustomize-corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> cases() {
    try (Stream<Path> s = Files.list(root())) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory kustomize builds, relative to the corpus root. */
  static String buildDir(String name) {
    Path b = root().resolve(name).resolve(".build");
    return Files.exists(b) ? name + "/" + read(b).strip() : name;
  }

  static String expectedError(String name) {
    Path e = root().resolve(name).resolve(".expected-error");
    return Files.exists(e) ? read(e).strip() : null;
  }

  /** Why a case differs from kustomize on purpose or by a known limitation, or null. */
  static String knownDifference(String name) {
    Path e = root().resolve(name).resolve(".known-difference");
    return Files.exists(e) ? read(e).strip() : null;
  }

  static String expectedYaml(String name) {
    return read(root().resolve(name).resolve(".expected.yaml"));
  }

  /** A snapshot holding the case's files (under the case's name), rooted at its build dir. */
  static Snapshot snapshot(String name) {
    Map<String, byte[]> files = new TreeMap<>();
    Path dir = root().resolve(name);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        files.put(name + "/" + dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Snapshot.of(REVISION, files).scope(buildDir(name));
  }

  /** Objects by identity ({@code apiVersion kind namespace/name}), in output order. */
  static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> o : objects) {
      Manifest m = Manifest.of(o, SourceLocation.unknown());
      out.put(m.apiVersion() + " " + m.kind() + " " + m.namespace() + "/" + m.name(), m.object());
    }
    return out;
  }

  static List<Map<String, Object>> parseYaml(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (YamlDocuments.Document d : YamlDocuments.parse("expected.yaml", text.getBytes(StandardCharsets.UTF_8))) {
      if (d.value() instanceof Map<?, ?> m) {
        out.add(ObjectTree.freeze(m, d.location()));
      }
    }
    return out;
  }

  static List<Map<String, Object>> ours(String name) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Manifest m : KustomizeRenderer.create().render(snapshot(name)).objects()) {
      out.add(m.object());
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
