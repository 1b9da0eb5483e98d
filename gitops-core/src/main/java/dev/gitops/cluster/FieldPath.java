package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field, list item or set item of an object, as managedFields name them.
 *
 * @param elements the steps from the object root
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {
  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  /** A path of plain field names. */
  public static FieldPath of(String... fields) {
    List<PathElement> out = new ArrayList<>();
    for (String f : fields) {
      out.add(new PathElement.Field(f));
    }
    return new FieldPath(out);
  }

  public FieldPath child(PathElement element) {
    List<PathElement> out = new ArrayList<>(elements.size() + 1);
    out.addAll(elements);
    out.add(element);
    return new FieldPath(out);
  }

  public FieldPath field(String name) {
    return child(new PathElement.Field(name));
  }

  public int size() {
    return elements.size();
  }

  public boolean isRoot() {
    return elements.isEmpty();
  }

  /** The path without its last element. */
  public FieldPath parent() {
    return new FieldPath(elements.subList(0, elements.size() - 1));
  }

  /** Whether this path is {@code other} or one of its ancestors. */
  public boolean isPrefixOf(FieldPath other) {
    return other.elements.size() >= elements.size()
        && other.elements.subList(0, elements.size()).equals(elements);
  }

  /** As Kubernetes prints it: {@code .spec.containers[name="web"].image}. */
  public String display() {
    StringBuilder sb = new StringBuilder();
    elements.forEach(e -> sb.append(e.display()));
    return sb.toString();
  }

  /** As validation errors name fields: {@code spec.containers[name="web"].image}. */
  String fieldName() {
    String d = display();
    return d.startsWith(".") ? d.substring(1) : d;
  }

  @Override
  public int compareTo(FieldPath other) {
    int n = Math.min(elements.size(), other.elements.size());
    for (int i = 0; i < n; i++) {
      int c = elements.get(i).compareTo(other.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), other.elements.size());
  }

  @Override
  public String toString() {
    return display();
  }
}
