package dev.gitops.test.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link KubeApiServer} does before any binary runs; needs no binaries. */
class KubeApiServerSetupTest {

  @Test
  void missingBinariesFailWithTheScriptToRun(@TempDir Path emptyToolsDir) {
    String previous = System.getProperty(KubeApiServer.TOOLS_DIR_PROPERTY);
    System.setProperty(KubeApiServer.TOOLS_DIR_PROPERTY, emptyToolsDir.toString());
    try {
      assertThatThrownBy(KubeApiServer::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("tools/k8s-test-binaries.sh")
          .hasMessageContaining(emptyToolsDir.toString());
    } finally {
      if (previous == null) {
        System.clearProperty(KubeApiServer.TOOLS_DIR_PROPERTY);
      } else {
        System.setProperty(KubeApiServer.TOOLS_DIR_PROPERTY, previous);
      }
    }
  }

  @Test
  void missingBinariesNameTheGoBuildAndThePathProperties(@TempDir Path emptyToolsDir) {
    withProperty(KubeApiServer.TOOLS_DIR_PROPERTY, emptyToolsDir.toString(), () ->
        assertThatThrownBy(KubeApiServer::start)
            .hasMessageContaining("kube-apiserver " + KubeApiServer.KUBERNETES_VERSION
                + " is not built")
            .hasMessageContaining("Go 1.26")
            .hasMessageContaining(KubeApiServer.KUBE_APISERVER_PROPERTY)
            .hasMessageContaining(KubeApiServer.ETCD_PROPERTY));
  }

  @Test
  void aBinaryPathPropertyWinsOverTheToolsDirectoryAndMustNameAnExecutable(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-kube-apiserver");
    withProperty(KubeApiServer.KUBE_APISERVER_PROPERTY, missing.toString(), () ->
        assertThatThrownBy(KubeApiServer::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(KubeApiServer.KUBE_APISERVER_PROPERTY + " names " + missing)
            .hasMessageContaining("not an executable file"));
  }

  @Test
  void aBinaryPathPropertyNamingAnExecutableIsUsedAsIs(@TempDir Path dir) throws IOException {
    Path binary = Files.createFile(dir.resolve("my-kube-apiserver"));
    assertThat(binary.toFile().setExecutable(true)).isTrue();
    withProperty(KubeApiServer.KUBE_APISERVER_PROPERTY, binary.toString(), () ->
        assertThat(KubeApiServer.binary("kube-apiserver", KubeApiServer.KUBERNETES_VERSION,
            KubeApiServer.KUBE_APISERVER_PROPERTY)).isEqualTo(binary));
  }

  private static void withProperty(String name, String value, Runnable body) {
    String previous = System.getProperty(name);
    System.setProperty(name, value);
    try {
      body.run();
    } finally {
      if (previous == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, previous);
      }
    }
  }

  @Test
  void pinnedVersionsMatchTheBuildScript() throws IOException {
    // Surefire runs in the module directory; the script is at the repository root.
    String script = Files.readString(Path.of("..", "tools", "k8s-test-binaries.sh"));

    assertThat(assignment(script, "KUBERNETES_VERSION"))
        .isEqualTo(KubeApiServer.KUBERNETES_VERSION);
    assertThat(assignment(script, "ETCD_VERSION")).isEqualTo(KubeApiServer.ETCD_VERSION);
  }

  @Test
  void servingCertificateIsSignedByTheReturnedCaFor127001(@TempDir Path dir) throws Exception {
    String caPem = TestPki.writeServingCertificate(dir.resolve("tls.crt"), dir.resolve("tls.key"));

    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509Certificate ca = (X509Certificate) x509.generateCertificate(
        new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
    X509Certificate serving = (X509Certificate) x509.generateCertificate(
        new ByteArrayInputStream(Files.readAllBytes(dir.resolve("tls.crt"))));
    serving.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(serving.getSubjectAlternativeNames())
        .contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
    assertThat(Files.readString(dir.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  private static String assignment(String script, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(script);
    assertThat(m.find()).as("%s= in the script", name).isTrue();
    return m.group(1);
  }
}
