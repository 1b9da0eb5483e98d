package dev.gitops.policy.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor release, such as 1.29; patch levels do not change which APIs are served.
 *
 * @param major major version (1)
 * @param minor minor version
 */
public record KubernetesVersion(int major, int minor) implements Comparable<KubernetesVersion> {
  private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(\\.\\d+)?([-+].*)?");

  public KubernetesVersion {
    if (major < 1 || minor < 0) {
      throw new IllegalArgumentException("invalid Kubernetes version " + major + "." + minor);
    }
  }

  /** Parses {@code 1.29}, {@code v1.29.3} or {@code v1.30.0-eks-1}. */
  public static KubernetesVersion parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Kubernetes version: " + text);
    }
    return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The release {@code major.minor}. */
  public static KubernetesVersion of(int major, int minor) {
    return new KubernetesVersion(major, minor);
  }

  /** Whether this release is the other one or later. */
  public boolean atLeast(KubernetesVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
