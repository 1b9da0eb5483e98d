package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code metadata.managedFields} entry with its field set parsed. Entries are identified by
 * manager, operation and subresource, as Kubernetes keys them. Package-private.
 *
 * @param subresource empty for the main resource
 */
record ManagerEntry(String manager, String operation, String apiVersion, String time, String subresource,
    FieldSet fields) {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  boolean is(String otherManager, String otherOperation, String otherSubresource) {
    return manager.equals(otherManager) && operation.equals(otherOperation) && subresource.equals(otherSubresource);
  }

  ManagerEntry withFields(FieldSet value) {
    return new ManagerEntry(manager, operation, apiVersion, time, subresource, value);
  }

  /** In the order and shape the API server writes them. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("manager", manager);
    m.put("operation", operation);
    m.put("apiVersion", apiVersion);
    m.put("time", time);
    m.put("fieldsType", "FieldsV1");
    m.put("fieldsV1", fields.toFieldsV1());
    if (!subresource.isEmpty()) {
      m.put("subresource", subresource);
    }
    return m;
  }

  /** The entries of an object; none when {@code object} is null. */
  static List<ManagerEntry> readAll(Map<String, ?> object) {
    List<ManagerEntry> out = new ArrayList<>();
    if (object == null || !(Trees.mapAt(object, "metadata").get("managedFields") instanceof List<?> l)) {
      return out;
    }
    for (Object o : l) {
      if (o instanceof Map<?, ?> m) {
        out.add(new ManagerEntry(
            str(m.get("manager")), str(m.get("operation")), str(m.get("apiVersion")), str(m.get("time")),
            str(m.get("subresource")),
            m.get("fieldsV1") instanceof Map<?, ?> f ? FieldSet.fromFieldsV1(f) : FieldSet.empty()));
      }
    }
    return out;
  }

  /** Writes entries into a mutable object; removes the field when there are none. */
  @SuppressWarnings("unchecked")
  static void writeAll(Map<String, Object> object, List<ManagerEntry> entries) {
    Map<String, Object> meta = Trees.child(object, "metadata");
    if (entries.isEmpty()) {
      meta.remove("managedFields");
      return;
    }
    List<Object> maps = new ArrayList<>();
    entries.forEach(e -> maps.add(e.toMap()));
    meta.put("managedFields", maps);
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
