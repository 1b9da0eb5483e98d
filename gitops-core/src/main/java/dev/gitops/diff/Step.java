package dev.gitops.diff;

import dev.gitops.cluster.FieldPath;
import dev.gitops.cluster.PathElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A path being walked, as a parent link: O(1) per step; a {@link FieldPath} only when reported. */
record Step(Step parent, PathElement element) {
  static final Step ROOT = new Step(null, null);

  Step field(String name) {
    return new Step(this, new PathElement.Field(name));
  }

  Step child(PathElement e) {
    return new Step(this, e);
  }

  boolean isRoot() {
    return parent == null;
  }

  FieldPath toFieldPath() {
    List<PathElement> out = new ArrayList<>();
    for (Step s = this; s.parent != null; s = s.parent) {
      out.add(s.element);
    }
    Collections.reverse(out);
    return new FieldPath(out);
  }

  String display() {
    return toFieldPath().display();
  }
}
