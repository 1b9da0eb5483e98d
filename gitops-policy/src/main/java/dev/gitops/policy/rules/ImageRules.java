package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rules on container images. */
public final class ImageRules {
  /** Rule id {@value}. */
  public static final String NO_LATEST_TAG = "no-latest-tag";
  /** Rule id {@value}. */
  public static final String ALLOWED_REGISTRIES = "allowed-registries";

  private ImageRules() {}

  /** Images must name a tag other than {@code latest}, or a digest. */
  public static Rule noLatestTag() {
    return Rule.of(NO_LATEST_TAG, Severity.HIGH,
        "images are pinned by a tag other than latest or by a digest",
        ContainerCheck.inAll((pod, c, out) -> {
          String image = c.image();
          if (image.isEmpty() || image.contains("@")) {
            return;
          }
          String tag = tag(image);
          if (tag == null) {
            out.add(c.path("image"), c.label() + ": image " + image + " has no tag (means latest)");
          } else if (tag.equals("latest")) {
            out.add(c.path("image"), c.label() + ": image " + image + " uses the latest tag");
          }
        }));
  }

  /**
   * Images must come from one of the given registries or repository prefixes, compared on whole
   * path segments after normalizing Docker Hub short names ({@code nginx} is
   * {@code docker.io/library/nginx}).
   *
   * @param allowed for example {@code registry.example.com}, {@code ghcr.io/acme}
   */
  public static Rule allowedRegistries(List<String> allowed) {
    List<String> prefixes = allowed.stream().map(ImageRules::stripSlash).toList();
    return Rule.of(ALLOWED_REGISTRIES, Severity.HIGH,
        "images come from an allowed registry: " + String.join(", ", prefixes),
        ContainerCheck.inAll((pod, c, out) -> {
          if (c.image().isEmpty()) {
            return;
          }
          String full = normalize(c.image());
          boolean ok = prefixes.stream()
              .anyMatch(p -> full.startsWith(p + "/") || full.startsWith(p + ":")
                  || full.startsWith(p + "@") || full.equals(p));
          if (!ok) {
            out.add(c.path("image"), c.label() + ": image " + c.image() + " (" + full
                + ") is not from an allowed registry");
          }
        }));
  }

  /** The tag of an image reference without digest, or null. */
  static @Nullable String tag(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.indexOf(':', slash + 1);
    return colon < 0 ? null : image.substring(colon + 1);
  }

  /** {@code nginx -> docker.io/library/nginx}, {@code acme/app -> docker.io/acme/app}. */
  static String normalize(String image) {
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    if (hasRegistry) {
      return image;
    }
    return slash < 0 ? "docker.io/library/" + image : "docker.io/" + image;
  }

  private static String stripSlash(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
