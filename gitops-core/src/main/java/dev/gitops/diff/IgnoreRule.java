package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A field the diff does not compare and the apply does not take over: by JSON pointer
 * ({@code /spec/replicas}, {@code /spec/template/spec/containers/&#42;/image}; {@code *} matches one
 * segment, a pointer also covers everything below it) or by field manager (every field that
 * manager owns in the live object, for example an autoscaler's {@code spec.replicas}). Optionally
 * only for some objects: group, kind, namespace and name are glob patterns ({@code *} and
 * {@code ?}), {@code *} for any.
 *
 * <pre>{@code
 * IgnoreRule.pointer("/spec/replicas").forKind("apps", "Deployment")
 * IgnoreRule.manager("hpa-controller")
 * }</pre>
 *
 * @param group API group pattern
 * @param kind kind pattern
 * @param namespace namespace pattern
 * @param name name pattern
 * @param pointer JSON pointer pattern, empty for a manager rule
 * @param manager field manager name, empty for a pointer rule
 */
public record IgnoreRule(String group, String kind, String namespace, String name, String pointer, String manager) {

  public IgnoreRule {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
    requireNonNull(name, "name");
    requireNonNull(pointer, "pointer");
    requireNonNull(manager, "manager");
    if (pointer.isEmpty() == manager.isEmpty()) {
      throw new IllegalArgumentException("an ignore rule needs exactly one of pointer and manager");
    }
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON pointer starts with '/': " + pointer);
    }
  }

  /** Ignores the field at a JSON pointer pattern and all below it, in every object. */
  public static IgnoreRule pointer(String pointer) {
    return new IgnoreRule("*", "*", "*", "*", pointer, "");
  }

  /** Ignores every field a field manager owns, in every object. */
  public static IgnoreRule manager(String manager) {
    return new IgnoreRule("*", "*", "*", "*", "", manager);
  }

  /** This rule for one kind (patterns allowed). */
  public IgnoreRule forKind(String groupPattern, String kindPattern) {
    return new IgnoreRule(groupPattern, kindPattern, namespace, name, pointer, manager);
  }

  /** This rule for some objects by namespace and name (patterns allowed). */
  public IgnoreRule forName(String namespacePattern, String namePattern) {
    return new IgnoreRule(group, kind, namespacePattern, namePattern, pointer, manager);
  }

  /** Whether the rule applies to an object. */
  public boolean appliesTo(ObjectKey key) {
    return glob(group, key.group()) && glob(kind, key.kind()) && glob(namespace, key.namespace())
        && glob(name, key.name());
  }

  /** The pointer's unescaped segments. */
  List<String> segments() {
    return Pointers.split(pointer);
  }

  /** The rule for reasons: the pointer or manager, then the objects it is limited to. */
  String describe() {
    String what = pointer.isEmpty() ? "manager " + manager : pointer;
    boolean everywhere = group.equals("*") && kind.equals("*") && namespace.equals("*") && name.equals("*");
    return everywhere ? what : what + " (" + group + "/" + kind + " " + namespace + "/" + name + ")";
  }

  private static boolean glob(String pattern, String value) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
      return pattern.equals(value);
    }
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value.matches(re.toString());
  }
}
