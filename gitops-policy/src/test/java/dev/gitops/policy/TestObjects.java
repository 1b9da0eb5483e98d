package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.render.PlainRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Loads YAML fixtures through the real renderer, so manifests carry file and line. */
public final class TestObjects {
  private static final Revision REVISION = new Revision("refs/heads/main", "0".repeat(40),
      "Test <test@example.com>", Instant.EPOCH, "fixtures", Verification.notChecked());

  private TestObjects() {}

  /** The objects of a classpath resource, rendered as if it were the file {@code resource}. */
  public static List<Manifest> load(String resource) {
    try (InputStream in = TestObjects.class.getResourceAsStream("/" + resource)) {
      assertThat(in).as("resource %s", resource).isNotNull();
      return render(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The objects of YAML text, rendered as the file {@code objects.yaml}. */
  public static List<Manifest> yaml(String text) {
    return render("objects.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The single object of YAML text. */
  public static Manifest one(String text) {
    List<Manifest> all = yaml(text);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static List<Manifest> render(String path, byte[] content) {
    Snapshot snapshot = Snapshot.of(REVISION, Map.of(path, content));
    return PlainRenderer.strict().render(snapshot).objects();
  }
}
