package dev.gitops.diff;

import dev.gitops.cluster.FieldPath;
import dev.gitops.cluster.ListType;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.PathElement;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison of a desired and a live object tree: both normalized, then walked together over
 * the declared fields (or, in dry-run mode, the fields our manager owns in the dry-run result) and
 * the fields our manager owns in the live object. Lists merge by the schema table's keys.
 */
final class Comparison {
  private final ObjectKey key;
  private final String group;
  private final String kind;
  private final SchemaTable schema;
  private final SourceLocation source;
  private final String ourManager;
  private final Map<String, Object> desired;
  private final Map<String, Object> live;
  private final Map<String, String> filled;
  /** The filled fields by the map holding them (identity): one lookup per map, not per field. */
  private final Map<Map<?, ?>, List<String>> filledByParent;
  /** In dry-run mode our fields in the dry-run result; null: everything the desired object declares. */
  private final Map<?, ?> declared;
  /** Our Apply entry's fields in the live object; null when we have applied nothing to it. */
  private final Map<?, ?> ours;
  private final Owners owners;
  private final List<IgnoreRule> pointerRules = new ArrayList<>();
  private final List<List<String>> pointerPatterns = new ArrayList<>();
  private final List<String> ignoredManagers = new ArrayList<>();
  private final List<Owners.Ignorable> ignoredManagerFields = new ArrayList<>();
  private final List<IgnoredField> serverIgnored;

  private boolean views;
  private List<FieldChange> changes;
  private List<IgnoredField> ignored;
  private List<PatchOperation> replaces;
  private List<PatchOperation> adds;
  private List<PatchOperation> removes;

  /**
   * The desired side of a comparison, copied, stripped of server fields and normalized. Never
   * mutated once made, so one can serve many comparisons of the same desired object (and threads),
   * and {@link InSyncCheck}s compiled from it.
   */
  static final class Prepared {
    /** The desired tree as given. */
    final Map<String, Object> original;
    final Map<String, Object> desired;
    /** By pointer, why each filled field was; null when not spelled. */
    final Map<String, String> filled;
    /** The filled fields by the map holding them (identity): one lookup per map, not per field. */
    final Map<Map<?, ?>, List<String>> filledByParent;
    final List<IgnoredField> serverIgnored;

    private Prepared(Map<String, Object> original, Map<String, Object> desired, Map<String, String> filled,
        Map<Map<?, ?>, List<String>> filledByParent, List<IgnoredField> serverIgnored) {
      this.original = original;
      this.desired = desired;
      this.filled = filled;
      this.filledByParent = filledByParent;
      this.serverIgnored = serverIgnored;
    }
  }

  /**
   * The desired tree copied, stripped and normalized with the options' normalizers, then given the
   * schema's defaults ({@link SchemaDefaults}).
   */
  static Prepared prepare(ObjectKey key, Map<String, Object> desiredObject, SchemaTable schema, DiffOptions options) {
    return prepare(key, desiredObject, schema, options, true);
  }

  /**
   * As above; without {@code spell}, {@link Prepared#filled} is null: the in-sync check needs the
   * filled fields by map only, and spelling their pointers was much of the work.
   */
  static Prepared prepare(ObjectKey key, Map<String, Object> desiredObject, SchemaTable schema, DiffOptions options,
      boolean spell) {
    return prepare(key, desiredObject, Trees.map(Trees.deepCopy(desiredObject)), schema, options, spell);
  }

  /**
   * As above without spelling, copying only the maps on {@code modified} (which should hold every
   * map the normalizers and server fields may change) and sharing the rest with {@code desiredObject},
   * which must be frozen ({@link dev.gitops.model.Manifest#object()}). Where a normalizer changes a
   * shared part anyway, the frozen map refuses it and the whole object is prepared from a full copy.
   */
  static Prepared prepareShared(ObjectKey key, Map<String, Object> desiredObject, Trees.Paths modified,
      SchemaTable schema, DiffOptions options) {
    try {
      return prepare(key, desiredObject, Trees.copyOnly(desiredObject, modified), schema, options, false);
    } catch (UnsupportedOperationException sharedPartModified) {
      return prepare(key, desiredObject, schema, options, false);
    }
  }

  private static Prepared prepare(ObjectKey key, Map<String, Object> desiredObject, Map<String, Object> desired,
      SchemaTable schema, DiffOptions options, boolean spell) {
    List<IgnoredField> serverIgnored = new ArrayList<>();
    ServerFields.strip(desired, p -> serverIgnored.add(new IgnoredField(p, p,
        Reason.of(Reason.Kind.SERVER_FIELD, "populated by the API server"))));
    FilledFields filled = new FilledFields(spell);
    for (Normalizer n : options.normalizers()) {
      n.normalize(key, desired, filled);
    }
    SchemaDefaults.fill(key, desired, schema, filled);
    return new Prepared(desiredObject, desired, filled.byPointer(), filled.byParent(desired),
        List.copyOf(serverIgnored));
  }

  /**
   * @param desiredObject the desired tree
   * @param declared the fields to compare of the desired tree, in FieldsV1 form; null for all it declares
   * @param liveObject the live object; null when missing
   */
  Comparison(ObjectKey key, SourceLocation source, Map<String, Object> desiredObject, Map<?, ?> declared,
      LiveObject liveObject, SchemaTable schema, DiffOptions options) {
    this(key, source, prepare(key, desiredObject, schema, options), declared, liveObject, schema, options);
  }

  private Comparison(ObjectKey key, SourceLocation source, Prepared prepared, Map<?, ?> declared,
      LiveObject liveObject, SchemaTable schema, DiffOptions options) {
    this.key = key;
    this.group = key.group();
    this.kind = key.kind();
    this.schema = schema;
    this.source = source;
    this.ourManager = options.fieldManager();
    this.declared = declared;
    this.owners = Owners.of(liveObject);
    this.ours = liveObject == null ? null : FieldsNode.applied(liveObject.object(), ourManager);
    this.desired = prepared.desired;
    this.filled = prepared.filled;
    this.filledByParent = prepared.filledByParent;
    this.serverIgnored = prepared.serverIgnored;
    this.live = liveObject == null ? skeleton(prepared.original) : Trees.mutableCopy(liveObject.object());
    ServerFields.strip(live, p -> { });
    for (Normalizer n : options.normalizers()) {
      n.normalize(key, live, (p, r) -> { });
    }
    if (liveObject != null) {
      // Objects read from a server hold their schema defaults already; others (hand-built, or
      // cached before their definition had the defaults) need them to compare alike.
      SchemaDefaults.fill(key, live, schema, (p, r) -> { });
    }
    for (IgnoreRule rule : options.ignoreRules()) {
      if (!rule.appliesTo(key)) {
        continue;
      }
      if (!rule.pointer().isEmpty()) {
        pointerRules.add(rule);
        pointerPatterns.add(rule.segments());
      } else {
        ignoredManagers.add(rule.manager());
        ignoredManagerFields.add(owners.ignorable(rule.manager()));
      }
    }
  }

  /** The diff; views and the second walk that builds them only when something differs. */
  ResourceDiff result(boolean missing) {
    walk(false);
    Map<String, Object> dView = Map.of();
    Map<String, Object> lView = Map.of();
    if (!changes.isEmpty()) {
      dView = new LinkedHashMap<>();
      lView = new LinkedHashMap<>();
      views = true;
      walkInto(dView, lView);
      dView = Collections.unmodifiableMap(Redaction.redactView(key, dView));
      lView = missing ? Map.of() : Collections.unmodifiableMap(Redaction.redactView(key, lView));
    }
    List<PatchOperation> patch = new ArrayList<>(replaces);
    patch.addAll(adds);
    // Later items first, so that removing one does not shift the index of the next.
    for (int i = removes.size() - 1; i >= 0; i--) {
      patch.add(removes.get(i));
    }
    List<IgnoredField> allIgnored = new ArrayList<>(serverIgnored);
    allIgnored.addAll(ignored);
    DiffStatus status = missing ? DiffStatus.MISSING : changes.isEmpty() ? DiffStatus.IN_SYNC : DiffStatus.OUT_OF_SYNC;
    return new ResourceDiff(key, status, source, changes, allIgnored, patch, dView, lView);
  }

  /** The diff of an inventory object no longer desired. */
  static ResourceDiff extra(LiveObject live) {
    Map<String, Object> view = ObjectTree.thaw(live.object());
    ServerFields.strip(view, p -> { });
    FieldChange change = new FieldChange("", "", null, null,
        Reason.of(Reason.Kind.NO_LONGER_DECLARED, "in the inventory but no longer desired"), SourceLocation.unknown());
    return new ResourceDiff(live.key(), DiffStatus.EXTRA, SourceLocation.unknown(), List.of(change), List.of(),
        List.of(), Map.of(), Collections.unmodifiableMap(Redaction.redactView(live.key(), view)));
  }

  private void walk(boolean withViews) {
    views = withViews;
    walkInto(null, null);
  }

  private void walkInto(Map<String, Object> dView, Map<String, Object> lView) {
    changes = new ArrayList<>();
    ignored = new ArrayList<>();
    replaces = new ArrayList<>();
    adds = new ArrayList<>();
    removes = new ArrayList<>();
    compareMap(desired, live, Step.ROOT, List.of(), Ptr.ROOT, Ptr.ROOT, ours, declared, dView, lView, List.of());
  }

  /**
   * @param itemKeys the key fields when the maps are map-list items, else empty: they identify the
   *     item, so no ignore rule by manager takes them out
   */
  private void compareMap(Map<String, Object> d, Map<String, Object> l, Step path, List<String> sp,
      Ptr dp, Ptr lp, Map<?, ?> own, Map<?, ?> decl, Map<String, Object> dv, Map<String, Object> lv,
      List<String> itemKeys) {
    boolean root = path.isRoot();
    List<String> filledHere = filledByParent.get(d);
    boolean metadata = sp.size() == 1 && path.parent() != null && path.parent().isRoot()
        && sp.get(0).equals("metadata");
    for (Map.Entry<String, Object> e : d.entrySet()) {
      String k = e.getKey();
      if (root && (k.equals("apiVersion") || k.equals("kind"))
          || metadata && (k.equals("name") || k.equals("namespace"))) {
        continue;
      }
      Ptr cdp = Ptr.child(dp, k);
      Object lValue = l.get(k);
      boolean inLive = lValue != null || l.containsKey(k);
      Map<?, ?> childOwn = FieldsNode.field(own, k);
      Map<?, ?> childDecl = FieldsNode.field(decl, k);
      if (declared == null ? filledHere != null && filledHere.contains(k) : childDecl == null) {
        if (inLive) {
          notDeclared(k, e.getValue(), lValue, path.field(k), append(sp, k), cdp, Ptr.child(lp, k), childOwn,
              lv);
        }
        continue;
      }
      Step cp = path.field(k);
      Ptr clp = Ptr.child(lp, k);
      Reason ignore = ignoredBy(cp, cdp, clp,
          ignoredManagerFields.isEmpty() || itemKeys.contains(k) ? null
              : comparedWhole(schema, group, kind, e.getValue(), append(sp, k)));
      if (ignore != null) {
        ignored.add(new IgnoredField(cp.display(), cdp.toString(), ignore));
        continue;
      }
      Object dValue = e.getValue();
      if (dValue == null && lValue == null) {
        continue; // declared empty (`env:`), absent live: the same to the API server
      }
      if (!inLive || lValue == null) {
        Object value = declaredCopy(dValue, cdp.toString());
        change(cp, clp.toString(), value, null, Reason.of(Reason.Kind.DECLARED, "declared, absent from the live object"), true);
        if (inLive) {
          replaces.add(PatchOperation.replace(clp.toString(), Redaction.redactAt(key, clp.toString(), value)));
        } else {
          adds.add(PatchOperation.add(clp.toString(), Redaction.redactAt(key, clp.toString(), value)));
        }
        if (dv != null) {
          dv.put(k, value);
        }
        continue;
      }
      compareValue(sp.isEmpty() ? "" : sp.get(sp.size() - 1), k, dValue, lValue, cp, sp, cdp, clp,
          childOwn, childDecl, dv, lv);
    }
    if (own == null) {
      return;
    }
    for (Map.Entry<String, Object> e : l.entrySet()) {
      String k = e.getKey();
      Map<?, ?> childOwn;
      if (!d.containsKey(k) && (childOwn = FieldsNode.field(own, k)) != null) {
        Object removed = removals(e.getValue(), path.field(k), append(sp, k), Ptr.child(lp, k), childOwn);
        if (removed != null && lv != null) {
          lv.put(k, removed);
        }
      }
    }
  }

  /** A key of the normalized desired tree that was filled in, or is not ours in the dry-run result. */
  private void notDeclared(String k, Object dValue, Object lValue, Step cp, List<String> sp, Ptr cdp, Ptr clp,
      Map<?, ?> own, Map<String, Object> lv) {
    if (own != null) {
      Object removed = removals(lValue, cp, sp, clp, own);
      if (removed != null && lv != null) {
        lv.put(k, removed);
      }
      return;
    }
    String defaultReason = filled.get(cdp.toString());
    if (defaultReason != null && !Equivalence.equivalent("", k, dValue, lValue)) {
      ignored.add(new IgnoredField(cp.display(), clp.toString(),
          Reason.of(Reason.Kind.DEFAULT, "not declared; " + defaultReason + "; live has " + show(clp.toString(), lValue))));
    }
  }

  @SuppressWarnings("unchecked")
  private void compareValue(String parent, String field, Object d, Object l, Step path, List<String> parentSp,
      Ptr dp, Ptr lp, Map<?, ?> own, Map<?, ?> decl, Map<String, Object> dv, Map<String, Object> lv) {
    // The schema path of the field, made only for the values that need it (maps and lists).
    List<String> sp = d instanceof Map<?, ?> && l instanceof Map<?, ?> || d instanceof List<?> && l instanceof List<?>
        ? append(parentSp, field) : null;
    if (d instanceof Map<?, ?> dm && l instanceof Map<?, ?> lm && !schema.isAtomicMap(group, kind, sp)) {
      Map<String, Object> dvc = views ? new LinkedHashMap<>() : null;
      Map<String, Object> lvc = views ? new LinkedHashMap<>() : null;
      compareMap((Map<String, Object>) dm, (Map<String, Object>) lm, path, sp, dp, lp, own, decl, dvc, lvc,
          List.of());
      if (views) {
        dv.put(field, dvc);
        lv.put(field, lvc);
      }
      return;
    }
    if (d instanceof List<?> dl && l instanceof List<?> ll) {
      ListType type = schema.listType(group, kind, sp);
      if (type.kind() != ListType.Kind.ATOMIC
          && compareList(type, dl, ll, path, sp, dp, lp, own, decl, dv, lv, field)) {
        return;
      }
    }
    if (!Equivalence.equivalent(parent, field, d, l)) {
      change(path, lp.toString(), d, l, replaceReason(path), true);
      replaces.add(PatchOperation.replace(lp.toString(), Redaction.redactAt(key, lp.toString(), d)));
    }
    if (views) {
      dv.put(field, d);
      lv.put(field, l);
    }
  }

  /** Compares a set or map list; false when its items do not fit the list type (compared whole then). */
  @SuppressWarnings("unchecked")
  private boolean compareList(ListType type, List<?> dl, List<?> ll, Step path, List<String> sp, Ptr dp,
      Ptr lp, Map<?, ?> own, Map<?, ?> decl, Map<String, Object> dv, Map<String, Object> lv, String field) {
    List<Object> dvl = views ? new ArrayList<>() : null;
    List<Object> lvl = views ? new ArrayList<>() : null;
    if (type.kind() == ListType.Kind.SET) {
      for (Object item : dl) {
        if (item instanceof Map<?, ?> || item instanceof List<?>) {
          return false;
        }
      }
      for (Object item : dl) {
        PathElement element = new PathElement.Value(item);
        if (declared != null && FieldsNode.item(decl, element) == null) {
          continue;
        }
        if (views) {
          dvl.add(item);
        }
        if (Equivalence.indexOf(ll, item) < 0) {
          change(path.child(element), lp + "/-", item, null,
              Reason.of(Reason.Kind.DECLARED, "declared set item absent from the live object"), true);
          adds.add(PatchOperation.add(lp + "/-", Redaction.redactAt(key, lp.toString(), item)));
        } else if (views) {
          lvl.add(item);
        }
      }
      if (own != null) {
        for (int j = 0; j < ll.size(); j++) {
          Object item = ll.get(j);
          PathElement element = new PathElement.Value(item);
          Map<?, ?> itemOwn;
          if (Equivalence.indexOf(dl, item) < 0 && (itemOwn = FieldsNode.item(own, element)) != null) {
            Object removed = removals(item, path.child(element), sp, Ptr.child(lp, j), itemOwn);
            if (removed != null && views) {
              lvl.add(removed);
            }
          }
        }
      }
    } else {
      List<String> keys = type.keys();
      Map<PathElement.Key, Integer> liveIndex = new HashMap<>();
      PathElement.Key[] liveKeys = new PathElement.Key[ll.size()];
      for (int j = 0; j < ll.size(); j++) {
        if (ll.get(j) instanceof Map<?, ?> m) {
          liveKeys[j] = PathElement.Key.of(m, keys);
          liveIndex.putIfAbsent(liveKeys[j], j);
        }
      }
      List<PathElement.Key> desiredKeys = new ArrayList<>(dl.size());
      for (Object item : dl) {
        if (!(item instanceof Map<?, ?> m)) {
          return false;
        }
        desiredKeys.add(PathElement.Key.of(m, keys));
      }
      for (int i = 0; i < dl.size(); i++) {
        Map<String, Object> item = (Map<String, Object>) dl.get(i);
        PathElement.Key itemKey = desiredKeys.get(i);
        Map<?, ?> itemDecl = FieldsNode.item(decl, itemKey);
        if (declared != null && itemDecl == null) {
          continue;
        }
        Step ip = path.child(itemKey);
        Ptr idp = Ptr.child(dp, i);
        Integer j = liveIndex.get(itemKey);
        Reason ignore = ignoredBy(ip, idp, j == null ? null : Ptr.child(lp, j), false);
        if (ignore != null) {
          ignored.add(new IgnoredField(ip.display(), idp.toString(), ignore));
          continue;
        }
        if (j == null) {
          Object value = declaredCopy(item, idp.toString());
          change(ip, lp + "/-", value, null, Reason.of(Reason.Kind.DECLARED, "declared item absent from the live object"), true);
          adds.add(PatchOperation.add(lp + "/-", value));
          if (views) {
            dvl.add(value);
          }
          continue;
        }
        Map<String, Object> dvi = views ? new LinkedHashMap<>() : null;
        Map<String, Object> lvi = views ? new LinkedHashMap<>() : null;
        Object liveItem = ll.get(j);
        compareMap(item, (Map<String, Object>) liveItem, ip, sp, idp, Ptr.child(lp, j),
            FieldsNode.item(own, itemKey), itemDecl, dvi, lvi, keys);
        if (views) {
          keys.forEach(k -> copyKey(k, item, dvi));
          keys.forEach(k -> copyKey(k, (Map<String, Object>) liveItem, lvi));
          dvl.add(dvi);
          lvl.add(lvi);
        }
      }
      if (own != null && liveIndex.size() > 0) {
        java.util.Set<PathElement.Key> wanted = new java.util.HashSet<>(desiredKeys);
        for (int j = 0; j < ll.size(); j++) {
          if (ll.get(j) instanceof Map<?, ?> m) {
            PathElement.Key k = liveKeys[j];
            Map<?, ?> itemOwn;
            if (!wanted.contains(k) && (itemOwn = FieldsNode.item(own, k)) != null) {
              Object removed = removals(m, path.child(k), sp, Ptr.child(lp, j), itemOwn);
              if (removed != null && views) {
                lvl.add(removed);
              }
            }
          }
        }
      }
    }
    if (views) {
      dv.put(field, dvl);
      lv.put(field, lvl);
    }
    return true;
  }

  private static void copyKey(String k, Map<String, Object> from, Map<String, Object> to) {
    if (from.containsKey(k) && !to.containsKey(k)) {
      Map<String, Object> reordered = new LinkedHashMap<>();
      reordered.put(k, from.get(k));
      reordered.putAll(to);
      to.clear();
      to.putAll(reordered);
    }
  }

  /**
   * Reports the live fields at or below a path that our manager owns (its node {@code own}) and
   * the desired object no longer declares (the apply removes them). Returns the removed part for
   * the live view.
   */
  @SuppressWarnings("unchecked")
  private Object removals(Object l, Step path, List<String> sp, Ptr lp, Map<?, ?> own) {
    Reason ignore = ignoredBy(path, null, lp, true);
    if (ignore != null) {
      ignored.add(new IgnoredField(path.display(), lp.toString(), ignore));
      return null;
    }
    if (FieldsNode.isMember(own)) {
      change(path, lp.toString(), null, l, Reason.of(Reason.Kind.NO_LONGER_DECLARED,
          "owned by field manager " + ourManager + " but no longer declared; the apply removes it"), false);
      removes.add(PatchOperation.remove(lp.toString()));
      return l;
    }
    if (l instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        Map<?, ?> childOwn = FieldsNode.field(own, e.getKey());
        if (childOwn != null) {
          Object r = removals(e.getValue(), path.field(e.getKey()), append(sp, e.getKey()),
              Ptr.child(lp, e.getKey()), childOwn);
          if (r != null) {
            out.put(e.getKey(), r);
          }
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (l instanceof List<?> list) {
      ListType type = schema.listType(group, kind, sp);
      List<Object> out = new ArrayList<>();
      for (int j = 0; j < list.size(); j++) {
        Object item = list.get(j);
        PathElement element = switch (type.kind()) {
          case SET -> new PathElement.Value(item);
          case MAP -> item instanceof Map<?, ?> im ? PathElement.Key.of(im, type.keys()) : null;
          default -> null;
        };
        Map<?, ?> itemOwn = element == null ? null : FieldsNode.item(own, element);
        if (itemOwn != null) {
          Object r = removals(item, path.child(element), sp, Ptr.child(lp, j), itemOwn);
          if (r != null) {
            out.add(r);
          }
        }
      }
      return out.isEmpty() ? null : out;
    }
    return null;
  }

  /**
   * The rule ignoring a path, or null.
   *
   * @param whole whether the value there is compared whole (then a manager owning it at all
   *     covers it), or walked into (then only owning it or an ancestor whole does); null where no
   *     rule by manager may take the path out
   */
  private Reason ignoredBy(Step path, Ptr dp, Ptr lp, Boolean whole) {
    for (int i = 0; i < pointerPatterns.size(); i++) {
      List<String> pattern = pointerPatterns.get(i);
      if (dp != null && Pointers.covers(pattern, dp.toString())
          || lp != null && Pointers.covers(pattern, lp.toString())) {
        return Reason.of(Reason.Kind.IGNORE_RULE, "ignore rule " + pointerRules.get(i).describe());
      }
    }
    if (!ignoredManagerFields.isEmpty() && whole != null) {
      FieldPath p = path.toFieldPath();
      for (int i = 0; i < ignoredManagerFields.size(); i++) {
        if (ignoredManagerFields.get(i).covers(p, whole)) {
          return Reason.of(Reason.Kind.IGNORED_MANAGER, "owned by ignored field manager " + ignoredManagers.get(i));
        }
      }
    }
    return null;
  }

  /**
   * Whether a desired value is compared whole rather than walked into: not a map the schema
   * merges by field, nor a set or map list whose items fit its type.
   */
  static boolean comparedWhole(SchemaTable schema, String group, String kind, Object d, List<String> sp) {
    if (!(d instanceof Map<?, ?>) && !(d instanceof List<?>)) {
      return true;
    }
    if (d instanceof Map<?, ?>) {
      return schema.isAtomicMap(group, kind, sp);
    }
    ListType type = schema.listType(group, kind, sp);
    for (Object item : (List<?>) d) {
      boolean fits = type.kind() == ListType.Kind.SET ? !(item instanceof Map<?, ?> || item instanceof List<?>)
          : type.kind() == ListType.Kind.MAP && item instanceof Map<?, ?>;
      if (!fits) {
        return true;
      }
    }
    return type.kind() == ListType.Kind.ATOMIC;
  }

  private Reason replaceReason(Step path) {
    List<String> others = owners.owning(path.toFieldPath(), ourManager);
    if (others.isEmpty()) {
      return Reason.of(Reason.Kind.DECLARED, "declared value differs from the live one");
    }
    return Reason.of(Reason.Kind.CHANGED_BY_MANAGER, "live value set by field manager " + String.join(", ", others));
  }

  private void change(Step path, String pointer, Object d, Object l, Reason reason, boolean declaredHere) {
    changes.add(new FieldChange(path.display(), pointer, Redaction.redactAt(key, pointer, d),
        Redaction.redactAt(key, pointer, l), reason, declaredHere ? source : SourceLocation.unknown()));
  }

  private String show(String pointer, Object value) {
    return String.valueOf(Redaction.redactAt(key, pointer, value));
  }

  /** A copy of a desired subtree without the values normalizers filled in or ignore rules cover. */
  private Object declaredCopy(Object v, String pointer) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> {
        String p = Pointers.child(pointer, String.valueOf(k));
        if (!filled.containsKey(p) && !coveredByPointerRule(p)) {
          out.put(String.valueOf(k), declaredCopy(x, p));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        out.add(declaredCopy(l.get(i), Pointers.child(pointer, i)));
      }
      return out;
    }
    return v;
  }

  private boolean coveredByPointerRule(String pointer) {
    for (List<String> pattern : pointerPatterns) {
      if (Pointers.covers(pattern, pointer)) {
        return true;
      }
    }
    return false;
  }

  static List<String> append(List<String> path, String name) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(name);
    return out;
  }

  /** What a missing object is compared with: its identity only. */
  private static Map<String, Object> skeleton(Map<String, Object> desired) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", desired.get("apiVersion"));
    out.put("kind", desired.get("kind"));
    Map<String, Object> meta = new LinkedHashMap<>();
    if (desired.get("metadata") instanceof Map<?, ?> m) {
      meta.put("name", m.get("name"));
      if (m.get("namespace") != null) {
        meta.put("namespace", m.get("namespace"));
      }
    }
    out.put("metadata", meta);
    return out;
  }
}
