package dev.gitops.apply;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The objects an application owns: what a prune may delete, and nothing else. Hooks are not part
 * of it.
 *
 * @param application the application's name
 * @param keys the objects, sorted
 * @param syncInProgress set by a sync before its first write and cleared after its last, so that
 *     a sync that never finished (a stopped process) is known to the next one: which revision it
 *     was applying and since when; empty when none is in progress
 */
public record Inventory(String application, SortedSet<ObjectKey> keys, String syncInProgress) {
  public Inventory {
    requireNonNull(application, "application");
    keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    requireNonNull(syncInProgress, "syncInProgress");
  }

  public static Inventory of(String application, Collection<ObjectKey> keys) {
    return new Inventory(application, new TreeSet<>(keys), "");
  }

  /** This inventory, marked as being written by a sync that has not finished. */
  public Inventory withSyncInProgress(String description) {
    return new Inventory(application, keys, description);
  }

  public static Inventory empty(String application) {
    return of(application, List.of());
  }

  /** This inventory and those keys. */
  public Inventory plus(Collection<ObjectKey> more) {
    TreeSet<ObjectKey> all = new TreeSet<>(keys);
    all.addAll(more);
    return new Inventory(application, all, syncInProgress);
  }

  /** One line per object, {@code group/Kind/namespace/name} with empty parts left empty. */
  public String encode() {
    StringBuilder b = new StringBuilder();
    for (ObjectKey k : keys) {
      b.append(k.group()).append('/').append(k.kind()).append('/').append(k.namespace()).append('/')
          .append(k.name()).append('\n');
    }
    return b.toString();
  }

  /**
   * Reads {@link #encode()}'s format.
   *
   * @throws IllegalArgumentException naming the line that is not {@code group/Kind/namespace/name}
   */
  public static Inventory decode(String application, String text) {
    List<ObjectKey> keys = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split("/", -1);
      if (p.length != 4 || p[1].isEmpty() || p[3].isEmpty()) {
        throw new IllegalArgumentException("line " + n + " is not group/Kind/namespace/name: " + line);
      }
      keys.add(new ObjectKey(p[0], p[1], p[2], p[3]));
    }
    return of(application, keys);
  }
}
