package dev.gitops.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The supported Jackson range, checked once at first use.
 *
 * <p>The SDK reads and writes trees with Jackson 3 ({@code tools.jackson}); Jackson 3 uses the
 * annotations jar of Jackson 2 ({@code com.fasterxml.jackson.core:jackson-annotations}), and needs
 * 2.20 or newer of it. Applications that manage Jackson 2 at an older version (Spring Boot 3.5
 * manages 2.19) would otherwise fail deep inside a render with a {@code NoClassDefFoundError}. The
 * renderers, differs and clusters call {@link #requireSupported()} before they touch Jackson, so
 * an unsupported class path fails at first use with an {@link UnsupportedJacksonException} that
 * says what to change. Applications may call it at startup to fail even earlier.
 *
 * <p>Supported: Jackson 3 (core and databind) from {@value #OLDEST_JACKSON} on (tested from 3.1.4,
 * the version Spring Boot 4.0 manages, to 3.3.0, the version the SDK is built with), with
 * jackson-annotations from {@value #OLDEST_ANNOTATIONS} on. See {@code docs/embedding.md}.
 */
public final class JacksonVersions {
  /** The oldest Jackson 3 (jackson-core and jackson-databind) the SDK supports. */
  public static final String OLDEST_JACKSON = "3.1.0";

  /** The oldest jackson-annotations (a Jackson 2 artifact shared by Jackson 3) supported. */
  public static final String OLDEST_ANNOTATIONS = "2.20";

  /** The one-line fixes, for the message. */
  static final String FIX =
      "Fix: Spring Boot 3.x: set <jackson-bom.version>2.21.8</jackson-bom.version> in the"
          + " application's pom <properties> (Gradle: ext['jackson-bom.version'] = '2.21.8');"
          + " Quarkus: import com.fasterxml.jackson:jackson-bom:2.21.8 before the Quarkus BOM in"
          + " <dependencyManagement>; or import dev.gitops:gitops-bom, which manages both;"
          + " otherwise manage com.fasterxml.jackson.core:jackson-annotations"
          + " at 2.20 or newer, and tools.jackson:jackson-bom at " + OLDEST_JACKSON + " or newer.";

  private static volatile boolean checked;

  private JacksonVersions() {}

  /**
   * Checks the Jackson on this class's class loader once; later calls return at once.
   *
   * @throws UnsupportedJacksonException if a Jackson jar is missing or older than supported
   */
  public static void requireSupported() {
    if (checked) {
      return;
    }
    ClassLoader loader = JacksonVersions.class.getClassLoader();
    String problem = problem(Found.on(loader == null ? ClassLoader.getSystemClassLoader() : loader));
    if (problem != null) {
      throw new UnsupportedJacksonException(problem);
    }
    checked = true;
  }

  /** What the class path holds; a version is null where the jar is missing. */
  record Found(
      @Nullable String annotations,
      boolean serializeAs,
      @Nullable String core,
      @Nullable String databind) {

    static Found on(ClassLoader loader) {
      String annotations =
          pomVersion(loader, "com.fasterxml.jackson.core", "jackson-annotations");
      boolean annotationsPresent = present(loader, "com.fasterxml.jackson.annotation.JsonProperty");
      if (annotations == null && annotationsPresent) {
        annotations = "unknown";
      }
      return new Found(
          annotationsPresent ? annotations : null,
          present(loader, "com.fasterxml.jackson.annotation.JsonSerializeAs"),
          packageVersion(loader, "tools.jackson.core.json.PackageVersion"),
          packageVersion(loader, "tools.jackson.databind.cfg.PackageVersion"));
    }
  }

  /** The message for what was found, or null if it is supported. */
  static @Nullable String problem(Found found) {
    List<String> lines = new ArrayList<>();
    if (found.annotations() == null) {
      lines.add("jackson-annotations is missing; Jackson 3 needs " + OLDEST_ANNOTATIONS + " or newer.");
    } else if (!found.serializeAs()
        || (!"unknown".equals(found.annotations())
            && compare(found.annotations(), OLDEST_ANNOTATIONS) < 0)) {
      lines.add(
          "jackson-annotations "
              + found.annotations()
              + " is on the class path; Jackson 3 needs "
              + OLDEST_ANNOTATIONS
              + " or newer (com.fasterxml.jackson.annotation.JsonSerializeAs).");
    }
    check(lines, "jackson-core", found.core());
    check(lines, "jackson-databind", found.databind());
    if (lines.isEmpty()) {
      return null;
    }
    return "The GitOps SDK cannot run on this class path's Jackson: "
        + String.join(" ", lines)
        + " "
        + FIX;
  }

  private static void check(List<String> lines, String artifact, @Nullable String version) {
    if (version == null) {
      lines.add(
          "tools.jackson.core:" + artifact + " is missing; the SDK needs " + OLDEST_JACKSON
              + " or newer.");
    } else if (compare(version, OLDEST_JACKSON) < 0) {
      lines.add(
          "tools.jackson.core:" + artifact + " " + version + " is on the class path; the SDK needs "
              + OLDEST_JACKSON + " or newer.");
    }
  }

  /** Compares dotted numeric versions, ignoring qualifiers ("2.21.1-SNAPSHOT" as 2.21.1). */
  static int compare(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? number(x[i]) : 0;
      int q = i < y.length ? number(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int number(String part) {
    int end = 0;
    while (end < part.length() && Character.isDigit(part.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
  }

  private static boolean present(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static @Nullable String pomVersion(ClassLoader loader, String group, String artifact) {
    URL url = loader.getResource("META-INF/maven/" + group + "/" + artifact + "/pom.properties");
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }

  /** Jackson's public {@code PackageVersion.VERSION}, without touching any other Jackson class. */
  private static @Nullable String packageVersion(ClassLoader loader, String className) {
    try {
      Class<?> type = Class.forName(className, true, loader);
      Object version = type.getField("VERSION").get(null);
      Object text = version.getClass().getMethod("toString").invoke(version);
      return String.valueOf(text);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
