package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.policy.EnforcementMode;
import dev.gitops.policy.FailurePolicy;
import dev.gitops.policy.ObjectChange.Operation;
import dev.gitops.policy.Severity;
import dev.gitops.policy.cel.CelRule;
import dev.gitops.render.PlainRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code --rules} file: YAML (or JSON) documents, each a {@code CelRule} of the CLI's own
 * format or a Kubernetes object for the offline admission check (ValidatingAdmissionPolicies,
 * their bindings, parameter objects, Namespaces). Read with the SDK's manifest parser, so errors
 * name the file and line.
 *
 * <pre>
 * apiVersion: policy.gitops.dev/v1
 * kind: CelRule
 * metadata:
 *   name: max-replicas
 * spec:
 *   expression: "!has(object.spec.replicas) || object.spec.replicas &lt;= 10"
 *   message: at most 10 replicas
 *   kinds: [Deployment]          # optional, default: every kind
 *   path: spec.replicas          # optional
 *   severity: HIGH               # optional, LOW MEDIUM (default) HIGH CRITICAL
 *   failurePolicy: Fail          # optional, Fail (default) or Ignore
 *   operations: [CREATE, UPDATE] # optional, CREATE UPDATE DELETE
 *   mode: Enforce                # optional, Enforce (default), Warn or Audit
 * </pre>
 *
 * @param file the file as given
 * @param celRules the CEL rules with their modes, in file order
 * @param objects every other document, for {@code AdmissionPolicies}
 */
record RuleFile(Path file, List<ModedRule> celRules, List<Manifest> objects) {
  static final String API_VERSION = "policy.gitops.dev/v1";
  static final String KIND = "CelRule";

  RuleFile {
    requireNonNull(file, "file");
    celRules = List.copyOf(celRules);
    objects = List.copyOf(objects);
  }

  /**
   * A CEL rule and how it is enforced.
   *
   * @param rule the rule
   * @param mode enforce, warn or audit
   */
  record ModedRule(CelRule rule, EnforcementMode mode) {}

  /**
   * Reads a rules file.
   *
   * @throws CliException if it cannot be read or parsed, or a CelRule is malformed (naming file and line)
   */
  static RuleFile read(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
      throw new CliException("rules file " + file + ": expected a .yaml, .yml or .json file");
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("cannot read rules file " + file, e);
    }
    List<Manifest> documents;
    try {
      // The file is a one-file snapshot: the plain renderer parses it and records file:line.
      Snapshot snapshot = Snapshot.of(revision(file, content), Map.of(name, content));
      documents = PlainRenderer.strict().render(snapshot).objects();
    } catch (RuntimeException e) {
      throw new CliException("cannot parse rules file " + file, e);
    }
    List<ModedRule> rules = new ArrayList<>();
    List<Manifest> objects = new ArrayList<>();
    for (Manifest m : documents) {
      if (m.kind().equals(KIND) && m.apiVersion().equals(API_VERSION)) {
        rules.add(celRule(file, m));
      } else {
        objects.add(m);
      }
    }
    if (documents.isEmpty()) {
      throw new CliException("rules file " + file + " holds no document");
    }
    return new RuleFile(file, rules, objects);
  }

  private static ModedRule celRule(Path file, Manifest m) {
    String where = "rules file " + file + " line " + m.source().line() + ", CelRule " + m.name();
    Object spec = m.object().get("spec");
    if (!(spec instanceof Map<?, ?> s)) {
      throw new CliException(where + ": spec is required");
    }
    Object expression = s.get("expression");
    if (!(expression instanceof String e) || e.isBlank()) {
      throw new CliException(where + ": spec.expression (a CEL expression) is required");
    }
    CelRule rule = CelRule.of(m.name(), e, string(s, "message", where));
    String path = string(s, "path", where);
    if (!path.isEmpty()) {
      rule = rule.withPath(path);
    }
    List<String> kinds = strings(s, "kinds", where);
    if (!kinds.isEmpty()) {
      rule = rule.forKinds(kinds.toArray(String[]::new));
    }
    List<String> operations = strings(s, "operations", where);
    if (!operations.isEmpty()) {
      Set<Operation> ops = new LinkedHashSet<>();
      operations.forEach(o -> ops.add(constant(Operation.class, o, where + ": spec.operations")));
      rule = rule.forOperations(ops.toArray(Operation[]::new));
    }
    String severity = string(s, "severity", where);
    if (!severity.isEmpty()) {
      rule = rule.withSeverity(constant(Severity.class, severity, where + ": spec.severity"));
    }
    String failure = string(s, "failurePolicy", where);
    if (!failure.isEmpty()) {
      rule = rule.withFailurePolicy(constant(FailurePolicy.class, failure, where + ": spec.failurePolicy"));
    }
    String mode = string(s, "mode", where);
    return new ModedRule(rule,
        mode.isEmpty() ? EnforcementMode.ENFORCE : constant(EnforcementMode.class, mode, where + ": spec.mode"));
  }

  private static String string(Map<?, ?> spec, String field, String where) {
    Object v = spec.get(field);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      throw new CliException(where + ": spec." + field + " must be a string, was " + Serialization.inline(v));
    }
    return s;
  }

  private static List<String> strings(Map<?, ?> spec, String field, String where) {
    Object v = spec.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new CliException(where + ": spec." + field + " must be a list of strings, was " + Serialization.inline(v));
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value, String where) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name());
    }
    throw new CliException(where + ": '" + value + "' is not one of " + known);
  }

  // The files' content hash stands for the commit id a snapshot needs.
  private static Revision revision(Path file, byte[] content) {
    try {
      String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
      return new Revision("file:" + file, id, "", Instant.EPOCH, file.toString(), Verification.notChecked());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java platform", e);
    }
  }
}
