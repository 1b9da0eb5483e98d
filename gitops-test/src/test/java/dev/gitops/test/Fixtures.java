package dev.gitops.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Repository files for the kit's tests: objects that pass the restricted policy unless told not to. */
final class Fixtures {
  private Fixtures() {}

  static Path write(Path root, String path, String content) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path root, String path) {
    try {
      Files.delete(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Deployment that passes the Pod Security Standards, restricted level. */
  static String deployment(String name, String namespace, int replicas) {
    return deployment(name, namespace, replicas, false);
  }

  static String deployment(String name, String namespace, int replicas, boolean privileged) {
    String securityContext = privileged
        ? "          privileged: true\n"
        : "          allowPrivilegeEscalation: false\n"
            + "          capabilities:\n"
            + "            drop: [ALL]\n";
    return "apiVersion: apps/v1\n"
        + "kind: Deployment\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + (namespace.isEmpty() ? "" : "  namespace: " + namespace + "\n")
        + "spec:\n"
        + "  replicas: " + replicas + "\n"
        + "  selector:\n"
        + "    matchLabels:\n"
        + "      app: " + name + "\n"
        + "  template:\n"
        + "    metadata:\n"
        + "      labels:\n"
        + "        app: " + name + "\n"
        + "    spec:\n"
        + "      securityContext:\n"
        + "        runAsNonRoot: true\n"
        + "        seccompProfile:\n"
        + "          type: RuntimeDefault\n"
        + "      containers:\n"
        + "      - name: " + name + "\n"
        + "        image: registry.example.com/" + name + ":1.0.0\n"
        + "        securityContext:\n"
        + securityContext;
  }

  static String configMap(String name, String namespace) {
    return "apiVersion: v1\n"
        + "kind: ConfigMap\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "  namespace: " + namespace + "\n"
        + "data:\n"
        + "  color: blue\n";
  }

  static String pvc(String name, String namespace) {
    return "apiVersion: v1\n"
        + "kind: PersistentVolumeClaim\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "  namespace: " + namespace + "\n"
        + "spec:\n"
        + "  accessModes: [ReadWriteOnce]\n"
        + "  resources:\n"
        + "    requests:\n"
        + "      storage: 1Gi\n";
  }

  static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  /** A namespaced CustomResourceDefinition of {@code Widget} in {@code example.com}. */
  static String widgetDefinition() {
    return "apiVersion: apiextensions.k8s.io/v1\n"
        + "kind: CustomResourceDefinition\n"
        + "metadata:\n"
        + "  name: widgets.example.com\n"
        + "spec:\n"
        + "  group: example.com\n"
        + "  scope: Namespaced\n"
        + "  names:\n"
        + "    plural: widgets\n"
        + "    singular: widget\n"
        + "    kind: Widget\n"
        + "    listKind: WidgetList\n"
        + "  versions:\n"
        + "  - name: v1\n"
        + "    served: true\n"
        + "    storage: true\n"
        + "    schema:\n"
        + "      openAPIV3Schema:\n"
        + "        type: object\n"
        + "        properties:\n"
        + "          spec:\n"
        + "            type: object\n"
        + "            properties:\n"
        + "              size:\n"
        + "                type: integer\n";
  }

  static String widget(String name, String namespace, String size) {
    return "apiVersion: example.com/v1\n"
        + "kind: Widget\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "  namespace: " + namespace + "\n"
        + "spec:\n"
        + "  size: " + size + "\n";
  }

  /** A Git repository in the directory, on branch main. */
  static Git init(Path dir) {
    try {
      return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commits every change of the working tree, deletions included. */
  static String commit(Git git, String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return git.commit().setMessage(message).setSign(false)
          .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com")
          .call().getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }
}
