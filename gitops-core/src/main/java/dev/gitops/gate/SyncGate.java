package dev.gitops.gate;

import dev.gitops.model.Manifest;
import java.util.List;

/**
 * Judges a sync before it writes anything: once over the rendered objects, once over the changes
 * the plan would make. Implementations are thread-safe. A denial in either stops the sync.
 */
public interface SyncGate {

  /** Judges the rendered objects, in render order. */
  GateReport checkObjects(List<Manifest> objects);

  /** Judges the planned changes (creates, updates and prunes), in plan order. */
  GateReport checkChanges(List<PlannedChange> changes);

  /** A gate that allows everything and reports nothing. */
  static SyncGate allowAll() {
    return AllowAll.INSTANCE;
  }

  /** This gate, then another; the result allows only what both allow and lists both findings. */
  default SyncGate and(SyncGate other) {
    SyncGate first = this;
    return new SyncGate() {
      @Override
      public GateReport checkObjects(List<Manifest> objects) {
        return first.checkObjects(objects).and(other.checkObjects(objects));
      }

      @Override
      public GateReport checkChanges(List<PlannedChange> changes) {
        return first.checkChanges(changes).and(other.checkChanges(changes));
      }
    };
  }
}

enum AllowAll implements SyncGate {
  INSTANCE;

  @Override
  public GateReport checkObjects(List<Manifest> objects) {
    return GateReport.allow();
  }

  @Override
  public GateReport checkChanges(List<PlannedChange> changes) {
    return GateReport.allow();
  }
}
