package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and dropping owner references; package-private. */
final class Owners {
  static final String FOREGROUND_FINALIZER = "foregroundDeletion";

  private Owners() {}

  static List<String> uids(LiveObject o) {
    List<String> out = new ArrayList<>();
    if (Trees.mapAt(o.object(), "metadata").get("ownerReferences") instanceof List<?> refs) {
      for (Object r : refs) {
        if (r instanceof Map<?, ?> m && m.get("uid") instanceof String uid) {
          out.add(uid);
        }
      }
    }
    return out;
  }

  /** Drops the references to one owner from a mutable object. */
  static void drop(Map<String, Object> object, String uid) {
    Map<String, Object> meta = Trees.child(object, "metadata");
    if (meta.get("ownerReferences") instanceof List<?> refs) {
      List<Object> kept = new ArrayList<>();
      for (Object r : refs) {
        if (!(r instanceof Map<?, ?> m && uid.equals(m.get("uid")))) {
          kept.add(r);
        }
      }
      if (kept.isEmpty()) {
        meta.remove("ownerReferences");
      } else {
        meta.put("ownerReferences", kept);
      }
    }
  }

  /** Removes one finalizer from a mutable object. */
  static void dropFinalizer(Map<String, Object> object, String finalizer) {
    Map<String, Object> meta = Trees.child(object, "metadata");
    List<String> kept = new ArrayList<>(Trees.strings(meta.get("finalizers")));
    kept.remove(finalizer);
    if (kept.isEmpty()) {
      meta.remove("finalizers");
    } else {
      meta.put("finalizers", new ArrayList<Object>(kept));
    }
  }
}
