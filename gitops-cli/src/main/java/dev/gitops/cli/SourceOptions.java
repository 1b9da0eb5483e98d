package dev.gitops.cli;

import dev.gitops.model.PathEscapeException;
import dev.gitops.model.Snapshot;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderers;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The SOURCE argument and the options that say how to read it; shared by every command that takes a SOURCE alone. */
final class SourceOptions {
  @Parameters(index = "0", paramLabel = "SOURCE",
      description = "A local directory, or REPO_URL@REF[:PATH]: a directory of a Git repository at a"
          + " branch (NAME or refs/heads/NAME), tag (refs/tags/NAME) or full commit id.")
  String source;

  @Mixin
  CheckoutOptions checkout;

  /** Opens the source; close the result when done. */
  Checkout open() {
    return Checkout.open(Location.parse(source), checkout.root, checkout.cacheDir);
  }

  /**
   * Reads and renders the directory, with the renderer the SDK picks for it (Kustomize, Helm or
   * plain manifests).
   */
  RenderResult render(Checkout checkout) {
    return render(checkout, source, this.checkout.root);
  }

  /**
   * Reads and renders a checkout of {@code source} (as given, for messages), {@code root} the
   * {@code --root} option or null.
   */
  static RenderResult render(Checkout checkout, String source, Path root) {
    Snapshot snapshot;
    try {
      snapshot = checkout.snapshot();
    } catch (RuntimeException e) {
      throw new CliException("cannot read " + source, e);
    }
    try {
      return Renderers.forDirectory(snapshot).render(snapshot);
    } catch (RuntimeException e) {
      boolean escapes = false;
      for (Throwable c = e; c != null && !escapes; c = c.getCause()) {
        escapes = c instanceof PathEscapeException;
      }
      String hint = escapes && root == null && Location.parse(source) instanceof Location.Local
          ? " (to let it reach a directory above it, give --root DIR)" : "";
      throw new CliException("cannot render " + source + hint, e);
    }
  }
}
