package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-core is {@code @NullMarked} (issue #14): a package added without
 * it fails here, so Kotlin and NullAway users keep seeing the nullness of the whole API.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsCoreIsNullMarked() throws Exception {
    Map<String, Class<?>> packages = publicPackages(classNamesOfGitopsCore());

    assertThat(packages.keySet())
        .as("the packages gitops-core's classes are in")
        .contains("dev.gitops.apply", "dev.gitops.cluster", "dev.gitops.diff",
            "dev.gitops.engine", "dev.gitops.gate", "dev.gitops.health", "dev.gitops.history",
            "dev.gitops.model", "dev.gitops.plan", "dev.gitops.render", "dev.gitops.source");
    List<String> unmarked = new ArrayList<>();
    packages.forEach((name, type) -> {
      if (type.getPackage().getAnnotation(NullMarked.class) == null) {
        unmarked.add(name);
      }
    });
    assertThat(unmarked)
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }

  /** Each package with a public top-level type, and one such type to reach the package by. */
  private static Map<String, Class<?>> publicPackages(List<String> classNames)
      throws ClassNotFoundException {
    Map<String, Class<?>> packages = new TreeMap<>();
    ClassLoader loader = NullnessAnnotationsTest.class.getClassLoader();
    for (String name : classNames) {
      if (name.contains("$") || name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      Class<?> type = Class.forName(name, false, loader);
      if (Modifier.isPublic(type.getModifiers())) {
        packages.putIfAbsent(type.getPackageName(), type);
      }
    }
    return packages;
  }

  /** The classes of gitops-core: its classes directory in the build, or its jar. */
  private static List<String> classNamesOfGitopsCore() throws IOException, URISyntaxException {
    Path root = Path.of(Manifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    TreeSet<String> entries = new TreeSet<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".class"))
            .forEach(f -> entries.add(root.relativize(f).toString().replace('\\', '/')));
      }
    } else {
      try (JarFile jar = new JarFile(root.toFile())) {
        jar.stream().forEach(e -> entries.add(e.getName()));
      }
    }
    List<String> names = new ArrayList<>();
    for (String entry : entries) {
      if (entry.startsWith("dev/gitops/") && entry.endsWith(".class")) {
        names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
      }
    }
    return names;
  }
}
