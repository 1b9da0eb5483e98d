package dev.gitops.cluster;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version priority: GA before beta before alpha, higher numbers first, then versions
 * that do not look like Kubernetes versions in alphabetical order. Package-private.
 */
final class KubeVersions {
  private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  /** Orders the preferred version first. */
  static final Comparator<String> PRIORITY = KubeVersions::compare;

  private KubeVersions() {}

  private static int compare(String a, String b) {
    Matcher ma = KUBE.matcher(a);
    Matcher mb = KUBE.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (ka != kb) {
      return ka ? -1 : 1;
    }
    if (!ka) {
      return a.compareTo(b);
    }
    int byStage = Integer.compare(stage(mb.group(2)), stage(ma.group(2)));
    if (byStage != 0) {
      return byStage;
    }
    int byMajor = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (byMajor != 0) {
      return byMajor;
    }
    return ma.group(3) == null ? 0 : Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
  }

  private static int stage(String s) {
    return s == null ? 2 : s.equals("beta") ? 1 : 0;
  }
}
