package dev.gitops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The public packages of one of the SDK's modules and which of them lack JSpecify's
 * {@code @NullMarked}: each published module's nullness test (issue #14) asks this, so that a
 * package added without a {@code package-info.java} that marks it fails that module's build.
 *
 * <p>A module is found by one of its classes: its classes directory in the build, or its jar.
 * Only the SDK's own packages ({@code dev.gitops.*}) count, and only those with a public
 * top-level type: package-private ones are no API.
 */
public final class NullMarkedPackages {
  private NullMarkedPackages() {}

  /**
   * Each package of the module that holds {@code anchor} and has a public top-level type, by name,
   * with one such type to reach the package by.
   */
  public static Map<String, Class<?>> publicPackages(Class<?> anchor) {
    Map<String, Class<?>> packages = new TreeMap<>();
    ClassLoader loader = anchor.getClassLoader();
    for (String name : classNames(anchor)) {
      if (name.contains("$") || name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      Class<?> type;
      try {
        // Not initialised: loading must not run the module's static set-up.
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("listed but not loadable: " + name, e);
      }
      if (Modifier.isPublic(type.getModifiers())) {
        packages.putIfAbsent(type.getPackageName(), type);
      }
    }
    return packages;
  }

  /** The public packages of the module that holds {@code anchor} without {@code @NullMarked}, by name. */
  public static List<String> unmarked(Class<?> anchor) {
    List<String> unmarked = new ArrayList<>();
    publicPackages(anchor).forEach((name, type) -> {
      if (type.getPackage().getAnnotation(NullMarked.class) == null) {
        unmarked.add(name);
      }
    });
    return unmarked;
  }

  private static List<String> classNames(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no file location for " + anchor, e);
    }
    TreeSet<String> entries = new TreeSet<>();
    try {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the classes of " + root, e);
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
