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
 * An object that passes every rule gets no verdict. A planned change ({@link ObjectChange}) is
 * judged by {@link #evaluate(ObjectChange)}, which lets change rules see the object before.
 */
@FunctionalInterface
public interface Policy {
  /** The verdicts on one object. */
  List<Verdict> evaluate(Manifest object);

  /**
   * The verdicts on a planned change. By default the object after the change is evaluated and
   * deletes get no verdict; policies with change rules override this.
   */
  default List<Verdict> evaluate(ObjectChange change) {
    return change.after() == null ? List.of() : evaluate(change.after());
  }

  /** The verdicts on every change, in order. */
  default List<Verdict> evaluateChanges(Collection<ObjectChange> changes) {
    List<Verdict> out = new ArrayList<>();
    for (ObjectChange c : changes) {
      out.addAll(evaluate(c));
    }
    return out;
  }

  /** The verdicts on every object, in object order. */
  default List<Verdict> evaluate(Collection<Manifest> objects) {
    List<Verdict> out = new ArrayList<>();
    for (Manifest m : objects) {
      out.addAll(evaluate(m));
    }
    return out;
  }

  /** A policy whose verdicts are those of every given policy, in order. */
  static Policy all(Policy... policies) {
    List<Policy> list = List.of(policies);
    return new Policy() {
      @Override
      public List<Verdict> evaluate(Manifest object) {
        List<Verdict> out = new ArrayList<>();
        list.forEach(p -> out.addAll(p.evaluate(object)));
        return out;
      }

      @Override
      public List<Verdict> evaluate(ObjectChange change) {
        List<Verdict> out = new ArrayList<>();
        list.forEach(p -> out.addAll(p.evaluate(change)));
        return out;
      }

      @Override
      public List<Verdict> evaluateChanges(Collection<ObjectChange> changes) {
        List<Verdict> out = new ArrayList<>();
        list.forEach(p -> out.addAll(p.evaluateChanges(changes)));
        return out;
      }
    };
  }
}
