package dev.gitops.diff;

import static dev.gitops.diff.InSyncPlan.FILLED;
import static dev.gitops.diff.InSyncPlan.IGNORED;
import static dev.gitops.diff.InSyncPlan.LIST;
import static dev.gitops.diff.InSyncPlan.MAP;
import static dev.gitops.diff.InSyncPlan.SKIP;
import static dev.gitops.diff.InSyncPlan.VALUE;

import dev.gitops.diff.InSyncPlan.ListPlan;
import dev.gitops.diff.InSyncPlan.MapPlan;
import dev.gitops.cluster.PathElement;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The steady state made cheap: proves that a live object is in sync with a desired one, or gives
 * up, in which case {@link Comparison} computes the full result. It never decides anything else.
 *
 * <p>Everything that depends on the desired object alone (field names and their FieldsV1
 * spellings, list types and keys, which fields were filled in, which ones pointer rules ignore,
 * the defaults that apply where) is compiled once per desired object ({@link InSyncPlan}). The check then walks the
 * compiled desired tree, the raw live object and our manager's FieldsV1 tree together, one lookup
 * per field in each. Instead of copying and normalizing the live object it asks the trailing
 * {@link ServerDefaults} for a field's default where the live object lacks it, which is what the
 * normalized copy would hold there. Map-list items are matched by position and their keys checked;
 * a live list in another order gives up. Where our manager owns more than the desired object
 * declares, the owned fields are looked at one by one, and any that the live object holds gives up.
 */
final class InSyncCheck {
  private final ObjectKey key;
  private final InSyncPlan.MapPlan root;
  private final List<IgnoredField> serverIgnored;
  /** The managers of the ignore rules by field manager that apply, in rule order. */
  private final List<String> ignoredManagers;

  private InSyncCheck(ObjectKey key, InSyncPlan.MapPlan root, List<IgnoredField> serverIgnored, List<String> ignoredManagers) {
    this.key = key;
    this.root = root;
    this.serverIgnored = serverIgnored;
    this.ignoredManagers = ignoredManagers;
  }

  /**
   * The check for one prepared desired object.
   *
   * @param defaults the normalizers applied last, answered lazily by the check
   */
  static InSyncCheck compile(ObjectKey key, Comparison.Prepared prepared, SchemaTable schema, DiffOptions options,
      List<ServerDefaults> defaults) {
    return compile(key, prepared, schema, options, new InSyncPlan.Defaults(defaults));
  }

  /** As above, with defaults by location shared by every check compiled with them. */
  static InSyncCheck compile(ObjectKey key, Comparison.Prepared prepared, SchemaTable schema, DiffOptions options,
      InSyncPlan.Defaults defaults) {
    List<IgnoreRule> pointerRules = new ArrayList<>();
    List<String> managers = new ArrayList<>();
    for (IgnoreRule rule : options.ignoreRules()) {
      if (rule.appliesTo(key)) {
        if (rule.pointer().isEmpty()) {
          managers.add(rule.manager());
        } else {
          pointerRules.add(rule);
        }
      }
    }
    InSyncPlan.Compiler c = new InSyncPlan.Compiler(key, prepared, schema, pointerRules, defaults, !managers.isEmpty());
    return new InSyncCheck(key, c.root(), prepared.serverIgnored,
        List.copyOf(managers));
  }

  /**
   * An in-sync diff, or null when the live object may differ.
   *
   * @param live the live object with the normalizers other than the trailing defaults applied
   * @param own our manager's Apply entry's FieldsV1 in the live object, or null
   */
  ResourceDiff check(SourceLocation source, Map<String, Object> live, Map<?, ?> own) {
    Walk walk = new Walk(ignoredManagers);
    if (!walk.map(root, live, own, ignoredManagers.isEmpty() ? null : walk.managerNodes(live))) {
      return null;
    }
    List<IgnoredField> ignored = serverIgnored;
    if (walk.ignored != null) {
      ignored = new ArrayList<>(serverIgnored);
      ignored.addAll(walk.ignored);
    }
    return new ResourceDiff(key, DiffStatus.IN_SYNC, source, List.of(), ignored, List.of(), Map.of(), Map.of());
  }

  /**
   * One check's walk; false from any step means "not proven in sync". Alongside the live tree it
   * steps through our FieldsV1 tree ({@code own}) and, where ignore rules by field manager apply,
   * through each ignored manager's FieldsV1 trees ({@code ign}: per rule, its manager's entries'
   * nodes at this point, null where none reaches): a field is that rule's once a node marks it.
   */
  private static final class Walk {
    private final List<String> managers;
    List<IgnoredField> ignored;

    Walk(List<String> managers) {
      this.managers = managers;
    }

    /** Per ignored-manager rule, the FieldsV1 roots of that manager's managedFields entries; null for none. */
    Map<?, ?>[][] managerNodes(Map<String, Object> live) {
      Map<?, ?>[][] out = new Map<?, ?>[managers.size()][];
      boolean any = false;
      if (live.get("metadata") instanceof Map<?, ?> meta && meta.get("managedFields") instanceof List<?> entries) {
        for (int r = 0; r < out.length; r++) {
          List<Map<?, ?>> nodes = new ArrayList<>(1);
          for (Object e : entries) {
            if (e instanceof Map<?, ?> m && managers.get(r).equals(m.get("manager"))
                && m.get("fieldsV1") instanceof Map<?, ?> f) {
              nodes.add(f);
            }
          }
          if (!nodes.isEmpty()) {
            out[r] = nodes.toArray(new Map<?, ?>[0]);
            any = true;
          }
        }
      }
      return any ? out : null;
    }

    /**
     * The ignored managers' nodes one step down ({@code name} for a field, else the item), or
     * {@link #COVERED} with the covering rule's index in {@code rule[0]}; null when none reaches.
     * A rule covers the step when its manager owns it whole (a leaf in any of its entries) or, for
     * a value compared whole, owns it at all; as {@link Owners.Ignorable#covers} decides.
     */
    private Map<?, ?>[][] step(Map<?, ?>[][] ign, String name, String itemKey, ListPlan list, int item,
        boolean whole, int[] rule) {
      for (int r = 0; r < ign.length; r++) {
        Map<?, ?>[] nodes = ign[r];
        if (nodes == null) {
          continue;
        }
        for (Map<?, ?> node : nodes) {
          Map<?, ?> child = child(node, name, itemKey, list, item);
          if (child != null && (child.isEmpty() || whole && child.containsKey("."))) {
            rule[0] = r;
            return COVERED;
          }
        }
      }
      Map<?, ?>[][] out = null;
      for (int r = 0; r < ign.length; r++) {
        Map<?, ?>[] nodes = ign[r];
        if (nodes == null) {
          continue;
        }
        for (Map<?, ?> node : nodes) {
          Map<?, ?> child = child(node, name, itemKey, list, item);
          if (child == null) {
            continue;
          }
          if (out == null) {
            out = new Map<?, ?>[ign.length][];
          }
          Map<?, ?>[] prev = out[r];
          if (prev == null) {
            out[r] = new Map<?, ?>[] {child};
          } else {
            Map<?, ?>[] grown = java.util.Arrays.copyOf(prev, prev.length + 1);
            grown[prev.length] = child;
            out[r] = grown;
          }
        }
      }
      return out;
    }

    private static Map<?, ?> child(Map<?, ?> node, String name, String itemKey, ListPlan list, int item) {
      if (name != null) {
        return node.get(name) instanceof Map<?, ?> m ? m : null;
      }
      return node.get(itemKey) instanceof Map<?, ?> m ? m : node.isEmpty() ? null : FieldsNode.item(node, list.key(item));
    }

    private static final Map<?, ?>[][] COVERED = new Map<?, ?>[0][];

    private void ignore(String display, String pointer, int rule) {
      if (ignored == null) {
        ignored = new ArrayList<>();
      }
      ignored.add(new IgnoredField(display, pointer,
          Reason.of(Reason.Kind.IGNORED_MANAGER, "owned by ignored field manager " + managers.get(rule))));
    }

    boolean map(MapPlan plan, Map<?, ?> l, Map<?, ?> own, Map<?, ?>[][] ign) {
      int hits = 0;
      int n = plan.size();
      int[] rule = ign == null ? null : new int[1];
      for (int i = 0; i < n; i++) {
        String k = plan.name(i);
        Map<?, ?> childOwn = null;
        if (own != null && own.get(plan.ownName(i)) instanceof Map<?, ?> m) {
          childOwn = m;
          hits++;
        }
        byte mode = plan.modes[i];
        if (mode == SKIP) {
          continue;
        }
        Map<?, ?>[][] childIgn = null;
        if (ign != null && mode >= VALUE && !plan.itemKeys.contains(k)) {
          childIgn = step(ign, plan.ownName(i), null, null, -1, mode == VALUE, rule);
          if (childIgn == COVERED) {
            ignore(plan.displays[i], plan.pointers[i], rule[0]);
            continue;
          }
        }
        Object lv = l.get(k);
        boolean inLive = lv != null || l.containsKey(k);
        if (!inLive) {
          lv = plan.fill(l, k);
          inLive = lv != null;
        }
        Object dv = plan.value(i);
        switch (mode) {
          case FILLED -> {
            // Owned but no longer declared, or a default the live object does not hold: reported.
            if (inLive && (childOwn != null || !Equivalence.equivalent("", k, dv, lv))) {
              return false;
            }
          }
          case IGNORED -> {
            if (ignored == null) {
              ignored = new ArrayList<>();
            }
            ignored.add(plan.ignoredAs[i]);
          }
          case MAP -> {
            if (!(lv instanceof Map<?, ?> lm) || !map((MapPlan) plan.subs[i], lm, childOwn, childIgn)) {
              return false;
            }
          }
          case LIST -> {
            if (!(lv instanceof List<?> ll) || !list((ListPlan) plan.subs[i], ll, childOwn, childIgn)) {
              return false;
            }
          }
          default -> {
            if (dv == null && lv == null) {
              continue;
            }
            if (lv == null || !Equivalence.equivalent(plan.parent, k, dv, lv)) {
              return false;
            }
          }
        }
      }
      if (own != null && hits < FieldsNode.children(own)) {
        // Owned fields the desired map lacks: any the live object holds would be removed.
        for (Object ownKey : own.keySet()) {
          if (ownKey instanceof String s && s.startsWith("f:")) {
            String name = s.substring(2);
            if (!plan.has(name) && (l.containsKey(name) || plan.fill(l, name) != null)) {
              return false;
            }
          }
        }
      }
      return true;
    }

    private boolean list(ListPlan plan, List<?> ll, Map<?, ?> own, Map<?, ?>[][] ign) {
      // Set items are compared as values: the full comparison asks no ignore rule about them.
      return plan.setItems != null ? set(plan, ll, own) : mapList(plan, ll, own, ign);
    }

    private boolean set(ListPlan plan, List<?> ll, Map<?, ?> own) {
      if (plan.giveUp) {
        return false;
      }
      Object[] items = plan.setItems;
      int hits = 0;
      for (int i = 0; i < items.length; i++) {
        if (!(i < ll.size() && Equivalence.equivalent("", "", items[i], ll.get(i))) && Equivalence.indexOf(ll, items[i]) < 0) {
          return false;
        }
        if (own != null && own.get(plan.ownValues[i]) instanceof Map<?, ?>) {
          hits++;
        }
      }
      if (own != null && hits < FieldsNode.children(own)) {
        List<Object> desired = List.of(items);
        for (Object item : ll) {
          if (Equivalence.indexOf(desired, item) < 0 && FieldsNode.item(own, new PathElement.Value(item)) != null) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean mapList(ListPlan plan, List<?> ll, Map<?, ?> own, Map<?, ?>[][] ign) {
      MapPlan[] items = plan.items;
      int n = items.length;
      if (plan.giveUp || ll.size() < n) {
        return false;
      }
      String[] keyFields = plan.keyFields;
      int hits = 0;
      int[] rule = ign == null ? null : new int[1];
      for (int i = 0; i < n; i++) {
        if (!(ll.get(i) instanceof Map<?, ?> li)) {
          return false;
        }
        Object[] keyValues = plan.keyValues[i];
        for (int q = 0; q < keyFields.length; q++) {
          Object lk = li.get(keyFields[q]);
          if (lk == null && !li.containsKey(keyFields[q])) {
            lk = MapPlan.fill(plan.itemDefaults, li, keyFields[q]);
          }
          if (!Objects.equals(keyValues[q], lk)) {
            return false;
          }
        }
        Map<?, ?> itemOwn = null;
        if (own != null) {
          itemOwn = own.get(plan.ownKeys[i]) instanceof Map<?, ?> m ? m
              : own.isEmpty() ? null : FieldsNode.item(own, plan.key(i));
          if (itemOwn != null) {
            hits++;
          }
        }
        if (plan.ignoredAs != null && plan.ignoredAs[i] != null) {
          if (ignored == null) {
            ignored = new ArrayList<>();
          }
          ignored.add(plan.ignoredAs[i]);
          continue;
        }
        Map<?, ?>[][] itemIgn = ign == null ? null : step(ign, null, plan.ownKeys[i], plan, i, false, rule);
        if (itemIgn == COVERED) {
          ignore(plan.displays[i], plan.pointers[i], rule[0]);
        } else if (!map(items[i], li, itemOwn, itemIgn)) {
          return false;
        }
      }
      if (own != null && hits < FieldsNode.children(own)) {
        // Live items past the desired ones that our manager owns would be removed.
        Set<PathElement.Key> wanted = null;
        for (int j = n; j < ll.size(); j++) {
          if (ll.get(j) instanceof Map<?, ?> m) {
            if (wanted == null) {
              wanted = new HashSet<>();
              for (int i = 0; i < n; i++) {
                wanted.add(plan.key(i));
              }
            }
            PathElement.Key k = liveKey(plan, m);
            if (!wanted.contains(k) && FieldsNode.item(own, k) != null) {
              return false;
            }
          }
        }
      }
      return true;
    }

    private static PathElement.Key liveKey(ListPlan plan, Map<?, ?> item) {
      Map<String, Object> filled = new LinkedHashMap<>();
      for (String f : plan.keyFields) {
        Object v = item.get(f);
        if (v == null && !item.containsKey(f)) {
          v = MapPlan.fill(plan.itemDefaults, item, f);
        }
        filled.put(f, v);
      }
      return PathElement.Key.of(filled, List.of(plan.keyFields));
    }

  }
}
