package dev.gitops.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The only class that touches helm-java, so that {@link HelmRenderer} loads (and can say what is
 * missing) without it; loaded only after {@link HelmRenderer} checked that helm-java is there.
 */
final class HelmJavaBackend {
  private HelmJavaBackend() {}

  /** Runs {@code helm template} on a chart directory; returns Helm's manifest text. */
  static String template(Path chartDir, String releaseName, String namespace, String kubeVersion,
      List<Path> valuesFiles, Map<String, String> setValues) {
    TemplateCommand cmd = new Helm(chartDir).template().withName(releaseName)
        .withNamespace(namespace);
    if (kubeVersion != null) {
      cmd.withKubeVersion(kubeVersion);
    }
    for (Path p : valuesFiles) {
      cmd.withValuesFile(p);
    }
    setValues.forEach(cmd::set);
    // CRDs are added as templates by HelmRenderer (so that disabled subcharts drop theirs), and
    // the embedded Helm never includes crds/ itself: skipCrds() keeps it that way.
    cmd.skipCrds();
    return cmd.call();
  }
}
