package dev.gitops.cluster;

/** The cluster serves no resource for a group and kind (for example a CRD not installed yet). */
public final class UnknownResourceTypeException extends ClusterException {
  private static final long serialVersionUID = 1L;
  private final String group;
  private final String kind;

  public UnknownResourceTypeException(String cluster, String group, String kind) {
    super(cluster + ": no resource type for kind " + kind
        + (group.isEmpty() ? " in the core group" : " in group " + group));
    this.group = group;
    this.kind = kind;
  }

  /** The group and kind are served, but not in this version. */
  public UnknownResourceTypeException(String cluster, String group, String version, String kind) {
    super(cluster + ": no resource type for kind " + kind + " in version "
        + (group.isEmpty() ? version : group + "/" + version));
    this.group = group;
    this.kind = kind;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }
}
