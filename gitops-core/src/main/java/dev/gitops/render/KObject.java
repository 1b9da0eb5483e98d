package dev.gitops.render;

import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object during a Kustomize build: a mutable tree plus what the build must remember about it
 * (where it came from, the names it had, which kustomizations touched it); package-private.
 */
final class KObject {
  private Map<String, Object> tree;
  private final SourceLocation source;
  private final List<String> kustomizations = new ArrayList<>();
  private final List<String> changedBy = new ArrayList<>();
  private final List<String> transformations = new ArrayList<>();
  // Every name the object had before its current one, oldest first: references written against
  // any of them are rewritten to the final name.
  private final List<String> previousNames = new ArrayList<>();
  private final List<String> previousNamespaces = new ArrayList<>();
  // Prefixes and suffixes given by each kustomization, innermost first: a reference prefers
  // objects renamed the same way as the referrer.
  private final List<String> prefixes = new ArrayList<>();
  private final List<String> suffixes = new ArrayList<>();
  private final boolean generated;
  private boolean hashSuffix;
  private String behavior = "create";
  // The kustomization whose generator made or replaced the object, or null, and the generator's
  // kind as kustomize names it (ConfigMapGenerator, HelmChartInflationGenerator, ...).
  private String generatorFile;
  private String generatorKind;
  // kustomize's transformations annotation: each builtin transformer configured at each level.
  private final List<BuildMetadata.Transformation> configuredTransformers = new ArrayList<>();

  KObject(Map<String, Object> tree, SourceLocation source, boolean generated) {
    this.tree = tree;
    this.source = source;
    this.generated = generated;
    this.generatorFile = generated ? source.path() : null;
    this.generatorKind = generated ? kind() + "Generator" : null;
  }

  /** The kind of the generator that made the object ({@link #generatorFile()}), or null. */
  String generatorKind() {
    return generatorKind;
  }

  /** Records that a generator of another kind in {@code kustomization} made the object. */
  void generatedBy(String kustomization, String kind) {
    this.generatorFile = kustomization;
    this.generatorKind = kind;
  }

  /**
   * The kustomization file of the generator that made or last replaced the object, or null; a
   * generator merging into it does not change it (kustomize keeps the first origin then).
   */
  String generatorFile() {
    return generatorFile;
  }

  /** Records that a generator of {@code kustomization} replaced the object (behavior replace). */
  void replacedBy(String kustomization) {
    this.generatorFile = kustomization;
  }

  /** The builtin transformers configured at each level the object went through, in order. */
  List<BuildMetadata.Transformation> configuredTransformers() {
    return configuredTransformers;
  }

  Map<String, Object> tree() {
    return tree;
  }

  void replaceTree(Map<String, Object> newTree) {
    this.tree = newTree;
  }

  SourceLocation source() {
    return source;
  }

  boolean generated() {
    return generated;
  }

  boolean hashSuffix() {
    return hashSuffix;
  }

  void hashSuffix(boolean on) {
    this.hashSuffix = on;
  }

  String behavior() {
    return behavior;
  }

  void behavior(String b) {
    this.behavior = b;
  }

  List<String> kustomizations() {
    return kustomizations;
  }

  /** Records that a kustomization included the object and whether it changed it. */
  void passedThrough(String kustomization, boolean changed) {
    if (kustomizations.isEmpty() || !kustomizations.get(kustomizations.size() - 1).equals(kustomization)) {
      kustomizations.add(kustomization);
    }
    if (changed && (changedBy.isEmpty() || !changedBy.get(changedBy.size() - 1).equals(kustomization))) {
      changedBy.add(kustomization);
    }
  }

  List<String> changedBy() {
    return changedBy;
  }

  /** Records that a transformation of a kustomization ({@code file: field}) changed the object. */
  void transformedBy(String transformation) {
    transformations.add(transformation);
  }

  List<String> transformations() {
    return transformations;
  }

  String apiVersion() {
    return tree.get("apiVersion") instanceof String s ? s : "";
  }

  String kind() {
    return tree.get("kind") instanceof String s ? s : "";
  }

  String group() {
    return ObjectKey.groupOf(apiVersion());
  }

  String version() {
    String v = apiVersion();
    return v.substring(v.indexOf('/') + 1);
  }

  String name() {
    return metadata().get("name") instanceof String s ? s : "";
  }

  String namespace() {
    return metadata().get("namespace") instanceof String s ? s : "";
  }

  void rename(String newName) {
    if (!newName.equals(name())) {
      previousNames.add(name());
      metadataForWrite().put("name", newName);
    }
  }

  void setNamespace(String ns) {
    if (!ns.equals(namespace())) {
      previousNamespaces.add(namespace());
      metadataForWrite().put("namespace", ns);
    }
  }

  void affixed(String prefix, String suffix) {
    if (!prefix.isEmpty()) {
      prefixes.add(prefix);
    }
    if (!suffix.isEmpty()) {
      suffixes.add(suffix);
    }
  }

  List<String> prefixes() {
    return prefixes;
  }

  List<String> suffixes() {
    return suffixes;
  }

  /** Whether the object is or was called {@code n}. */
  boolean hadName(String n) {
    return name().equals(n) || previousNames.contains(n);
  }

  /** Whether the object is or was in namespace {@code ns} (empty for none). */
  boolean hadNamespace(String ns) {
    return namespace().equals(ns) || previousNamespaces.contains(ns);
  }

  /** The name the object was declared with. */
  String originalName() {
    return previousNames.isEmpty() ? name() : previousNames.get(0);
  }

  /** The namespace the object was declared with. */
  String originalNamespace() {
    return previousNamespaces.isEmpty() ? namespace() : previousNamespaces.get(0);
  }

  List<String> previousNames() {
    return previousNames;
  }

  /** Identity by current group, kind, namespace and name. */
  ObjectKey key() {
    return new ObjectKey(group(), kind().isEmpty() ? "?" : kind(), namespace(),
        name().isEmpty() ? "?" : name());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> metadata() {
    return tree.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> metadataForWrite() {
    if (!(tree.get("metadata") instanceof Map<?, ?>)) {
      tree.put("metadata", new LinkedHashMap<String, Object>());
    }
    return (Map<String, Object>) tree.get("metadata");
  }

  @Override
  public String toString() {
    return key() + " (" + source + ")";
  }
}
