package dev.gitops.policy;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Judges objects and answers with verdicts as data; never throws for what it finds or for a rule
 * that fails.
 *
 * <p>The same evaluation serves checks before apply (objects from a renderer) and audits of live
 * objects: wrap a live object's tree with {@code Manifest.of(tree, SourceLocation.unknown())}.
 * An object that passes every rule gets no verdict.
 */
@FunctionalInterface
public interface Policy {
  /** The verdicts on one object. */
  List<Verdict> evaluate(Manifest object);

  /** The verdicts on every object, in object order. */
  default List<Verdict> evaluate(Collection<Manifest> objects) {
    List<Verdict> out = new ArrayList<>();
    for (Manifest m : objects) {
      out.addAll(evaluate(m));
    }
    return out;
  }
}
