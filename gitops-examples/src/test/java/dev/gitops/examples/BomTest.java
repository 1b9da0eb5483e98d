package dev.gitops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** gitops-bom pins what the build tests: every library module and test kit, at the root pom's versions. */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyLibraryModuleAndTestKitIsInTheBom() throws Exception {
    String bom = Files.readString(ROOT.resolve("gitops-bom/pom.xml"));
    List<String> managed = managedArtifacts(bom);
    assertThat(managed).contains(
        "dev.gitops:gitops-core:jar", "dev.gitops:gitops-core:test-jar",
        "dev.gitops:gitops-k8s:jar", "dev.gitops:gitops-policy:jar",
        "dev.gitops:gitops-test:jar", "dev.gitops:gitops-test-apiserver:jar");
    for (String module : List.of("gitops-core", "gitops-k8s", "gitops-policy", "gitops-test",
        "gitops-test-apiserver")) {
      String pom = Files.readString(ROOT.resolve(module + "/pom.xml"));
      if (pom.contains("<goal>test-jar</goal>")) {
        assertThat(managed).as("test kit of " + module).contains("dev.gitops:" + module + ":test-jar");
      }
    }
  }

  @Test
  void theBomsLibraryVersionsAreTheOnesTheBuildTestsWith() throws Exception {
    Map<String, String> root = properties(Files.readString(ROOT.resolve("pom.xml")));
    Map<String, String> bom = properties(Files.readString(ROOT.resolve("gitops-bom/pom.xml")));
    List<String> compared = new ArrayList<>();
    for (Map.Entry<String, String> e : bom.entrySet()) {
      if (e.getKey().startsWith("gitops.") && root.containsKey(e.getKey().substring(7))) {
        assertThat(e.getValue()).as(e.getKey()).isEqualTo(root.get(e.getKey().substring(7)));
        compared.add(e.getKey());
      }
    }
    assertThat(compared).contains("gitops.jackson.version", "gitops.jackson-annotations.version",
        "gitops.fabric8.version", "gitops.jgit.version", "gitops.guava.version", "gitops.slf4j.version");
    String rootPom = Files.readString(ROOT.resolve("pom.xml"));
    assertThat(rootPom).contains("<artifactId>snakeyaml-engine</artifactId>\n        <version>"
        + bom.get("gitops.snakeyaml-engine.version") + "</version>");
  }

  private static List<String> managedArtifacts(String pom) {
    List<String> result = new ArrayList<>();
    Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
    while (m.find()) {
      String d = m.group(1);
      String type = tag(d, "type");
      result.add(tag(d, "groupId") + ":" + tag(d, "artifactId") + ":" + (type == null ? "jar" : type));
    }
    return result;
  }

  private static Map<String, String> properties(String pom) {
    String block = pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
    Map<String, String> result = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>").matcher(block);
    while (m.find()) {
      result.put(m.group(1), m.group(2).trim());
    }
    return result;
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return m.find() ? m.group(1).trim() : null;
  }
}
