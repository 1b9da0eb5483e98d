package dev.gitops.diff;

import dev.gitops.cluster.BuiltInDefaults;
import dev.gitops.cluster.ListType;
import dev.gitops.cluster.PathElement;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.cluster.ServerDefault;
import dev.gitops.diff.InSyncPlan.Loc;
import dev.gitops.diff.InSyncPlan.MapPlan;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-sync check of a manifest's first diff, without a desired copy or a compiled plan. Most
 * manifests of a render are diffed once, and for them copying, normalizing and compiling the
 * desired object cost more than the check itself. This walks the desired object as given (never
 * modifying it), the live object and our manager's FieldsV1 together, working out at each desired
 * map what the built-in normalizers would leave of it: omitted fields left out ({@link
 * BuiltInDefaults#omittedFields}), server defaults and schema defaults filled in. It decides as an
 * {@link InSyncCheck} compiled from the prepared desired object decides: in sync, or not proven.
 *
 * <p>It serves only where that reading is exact: the built-in normalizers ({@link
 * Normalizers#areBuiltIns}), no ignore rule for the object, no server-populated field and no
 * Secret {@code stringData} in the desired object. Elsewhere, or where a schema default would go
 * below a filled value or a value compared whole holds an omitted field, it throws {@link
 * Unsupported} and the caller takes the compiled way.
 */
final class DirectCheck {
  /** Thrown where this check cannot read the desired object exactly; no stack, shared. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  private final SchemaTable schema;
  private final DiffOptions options;
  private final InSyncPlan.Defaults defaults;
  private final ServerDefaults serverDefaults;
  /**
   * A walk of an earlier check, with its scratch arrays, taken by the next check: a walk's set-up
   * (kind, omitted values) and its arrays were per object otherwise. Null while in use; a check
   * that finds none (another thread's) makes its own.
   */
  private final AtomicReference<Walk> spare = new AtomicReference<>();

  private DirectCheck(SchemaTable schema, DiffOptions options, InSyncPlan.Defaults defaults,
      ServerDefaults serverDefaults) {
    this.schema = schema;
    this.options = options;
    this.defaults = defaults;
    this.serverDefaults = serverDefaults;
  }

  /**
   * The check for a differ's options, or null when they are not the built-in normalizers.
   *
   * @param defaults the differ's trailing defaults: the built-in {@link ServerDefaults}
   */
  static DirectCheck of(SchemaTable schema, DiffOptions options, InSyncPlan.Defaults defaults) {
    List<Normalizer> normalizers = options.normalizers();
    if (!Normalizers.areBuiltIns(normalizers)) {
      return null;
    }
    return new DirectCheck(schema, options, defaults, (ServerDefaults) normalizers.get(2));
  }

  /**
   * An in-sync diff, or null when the live object may differ.
   *
   * @param desired the desired object as rendered; only read
   * @param live the live object with the normalizers other than the trailing defaults applied
   * @param own our manager's Apply entry's FieldsV1 in the live object, or null
   * @throws Unsupported where this check cannot decide as the compiled one would
   */
  ResourceDiff check(ObjectKey key, SourceLocation source, Map<String, Object> desired, Map<String, Object> live,
      Map<?, ?> own) {
    if (!supports(key, desired)) {
      throw UNSUPPORTED;
    }
    Walk walk = spare.getAndSet(null);
    if (walk == null) {
      walk = new Walk();
    }
    boolean inSync;
    try {
      walk.start(key);
      boolean schemaDefaults = schema.hasDefaults(key.group(), key.kind());
      inSync = walk.map(desired, defaults.root(walk.groupKind), "", 0, schemaDefaults, live, own, null);
    } finally {
      walk.finish();
      spare.set(walk);
    }
    if (!inSync) {
      return null;
    }
    return new ResourceDiff(key, DiffStatus.IN_SYNC, source, List.of(), List.of(), List.of(), Map.of(), Map.of());
  }

  private boolean supports(ObjectKey key, Map<String, Object> desired) {
    for (IgnoreRule rule : options.ignoreRules()) {
      if (rule.appliesTo(key)) {
        return false;
      }
    }
    if (key.group().isEmpty() && key.kind().equals("Secret") && desired.containsKey("stringData")) {
      return false;
    }
    // Stripping an empty annotations map is reported by nothing, but outside the built-in kinds it
    // is the one change the omitted values do not make too.
    if (desired.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> a
        && a.isEmpty()) {
      return false;
    }
    return !ServerFields.presentIn(desired);
  }

  /** The fields the normalizers fill into one desired map, in order. */
  private static final class Fill {
    static final Fill NONE = new Fill();

    String[] names;
    Object[] values;
    int n;
    /** The view of the map this fill is for, made once per pooled fill; see {@link Walk#view}. */
    Walk.View view;

    void add(String name, Object value) {
      if (names == null) {
        names = new String[4];
        values = new Object[4];
      } else if (n == names.length) {
        names = Arrays.copyOf(names, n * 2);
        values = Arrays.copyOf(values, names.length);
      }
      names[n] = name;
      values[n++] = value;
    }

    int indexOf(String name) {
      for (int i = 0; i < n; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * One check at a time: the object's kind and facts, asked once, and scratch space reused from
   * check to check (see {@link #spare}).
   */
  private final class Walk {
    private ObjectKey key;
    private String group;
    private String kind;
    String groupKind;
    private BuiltInDefaults.OmittedFields omitted;
    private final StringBuilder scratch = new StringBuilder(64);
    /**
     * Fills of the maps being walked, a stack: a map's fill is taken before its fields are walked
     * and given back after, so the fills below it come and go above it.
     */
    private Fill[] fills = new Fill[8];
    private int fillsUsed;
    /** Per map list being walked, outermost first: its items' key values and FieldsV1 spellings. */
    private Object[][] keyValues = new Object[4][];
    /** Per level, how much of its {@link #keyValues} array a check has written: what to clear. */
    private int[] keyValuesUsed = new int[4];
    private String[][] ownKeys = new String[4][];
    private int lists;
    private int[] hashes = new int[0];

    /** Set up for an object; the kind's facts kept from the last object of the same kind. */
    void start(ObjectKey key) {
      this.key = key;
      if (!key.kind().equals(kind) || !key.group().equals(group)) {
        this.group = key.group();
        this.kind = key.kind();
        this.groupKind = group + "/" + kind;
        this.omitted = BuiltInDefaults.omittedFields(group, kind);
      }
    }

    /** Drops what the check left in the scratch space: no reference to its trees outlives it. */
    void finish() {
      for (int i = 0; i < fills.length && fills[i] != null; i++) {
        Fill f = fills[i];
        if (f.names != null) {
          Arrays.fill(f.names, null);
          Arrays.fill(f.values, null);
        }
        f.n = 0;
        if (f.view != null) {
          f.view.reset(null, null, 0);
        }
      }
      fillsUsed = 0;
      // Spellings of FieldsV1 keys (ownKeys) hold nothing of the trees: left as they are.
      for (int i = 0; i < keyValues.length && keyValues[i] != null; i++) {
        Arrays.fill(keyValues[i], 0, keyValuesUsed[i], null);
        keyValuesUsed[i] = 0;
      }
      lists = 0;
      key = null;
    }

    private Fill takeFill() {
      if (fillsUsed == fills.length) {
        fills = Arrays.copyOf(fills, fillsUsed * 2);
      }
      Fill f = fills[fillsUsed];
      if (f == null) {
        f = fills[fillsUsed] = new Fill();
      }
      f.n = 0;
      fillsUsed++;
      return f;
    }

    /** Gives back the fill taken last, unless none was taken. */
    private void giveBack(Fill f) {
      if (f != Fill.NONE) {
        fillsUsed--;
      }
    }

    /** The view of {@code d} with {@code fill}: the fill's own view unless it is the shared {@link Fill#NONE}. */
    private View view(Map<String, Object> d, String holder, int depth, Fill fill) {
      if (fill == Fill.NONE) {
        return new View(d, holder, depth, fill);
      }
      if (fill.view == null) {
        fill.view = new View(d, holder, depth, fill);
      } else {
        fill.view.reset(d, holder, depth);
      }
      return fill.view;
    }

    /** Whether the normalized map holds {@code field} declared, omitted values left out. */
    private boolean declares(Map<String, Object> d, String holder, int depth, String field) {
      Object v = d.get(field);
      return (v != null || d.containsKey(field)) && !omitted.omits(holder, depth, field, v);
    }

    /** What the normalizers fill into desired map {@code d} at {@code at}, as {@link Comparison#prepare} would. */
    private Fill fills(Map<String, Object> d, Loc at, String holder, int depth, boolean schemaBelow) {
      // The server defaults here as arrays: their map's entry set and iterator were per map.
      Loc.Defaulted here = at.defaulted(key, groupKind);
      Map<String, Object> schemaHere = schemaBelow ? schema.defaults(group, kind, at.sp) : Map.of();
      if (here == null && schemaHere.isEmpty()) {
        return Fill.NONE;
      }
      Fill out = takeFill();
      View view = null;
      if (here != null) {
        String[] fields = here.fields;
        for (int f = 0; f < fields.length; f++) {
          String field = fields[f];
          if (declares(d, holder, depth, field)) {
            continue;
          }
          Object v = null;
          Object constant = null;
          for (ServerDefault sd : here.byField[f]) {
            v = constant = sd.constantValue();
            if (v == null) {
              if (view == null) {
                view = view(d, holder, depth, out);
              }
              v = sd.value().apply(view);
            }
            if (v != null) {
              break;
            }
          }
          if (v == null) {
            continue;
          }
          if (!(v instanceof Map<?, ?> || v instanceof List<?>)) {
            out.add(field, v);
            continue;
          }
          Loc child = at.field(field);
          Object made = constant != null ? here.filled(f, constant) : null;
          if (made != null) {
            out.add(field, made);
          } else {
            if (child.filledAtOrBelow(key)) {
              // Later locations fill into the value just filled: made as the normalizer makes it.
              v = Trees.deepCopy(v);
              out.add(field, v);
              serverDefaults.fillBelow(key, at.loc, field, view != null ? view : (view = view(d, holder, depth, out)));
            } else {
              out.add(field, v);
            }
            if (constant != null) {
              // Kept frozen: shared by every later object, and compared without iterators (a
              // table's Map.of() was compared through an entry set iterator per object).
              Object kept = ObjectTree.freezeValue(out.values[out.n - 1], SourceLocation.unknown());
              out.values[out.n - 1] = kept;
              here.keepFilled(f, constant, kept);
            }
          }
          if (schemaBelow && schema.hasDefaultsBelow(group, kind, child.sp)) {
            throw UNSUPPORTED;
          }
        }
      }
      if (!schemaHere.isEmpty()) {
        // As arrays kept per location: an entry set iterator was per map list item.
        Loc.SchemaDefaulted sd = at.schemaDefaulted(schemaHere);
        for (int f = 0; f < sd.fields.length; f++) {
          String field = sd.fields[f];
          if (declares(d, holder, depth, field) || out.indexOf(field) >= 0) {
            continue;
          }
          Object v = sd.values[f];
          if ((v instanceof Map<?, ?> || v instanceof List<?>)
              && schema.hasDefaultsBelow(group, kind, at.field(field).sp)) {
            throw UNSUPPORTED;
          }
          out.add(field, v);
        }
      }
      if (out.n == 0) {
        giveBack(out);
        return Fill.NONE;
      }
      return out;
    }

    /**
     * The normalized map so far, read without a copy: declared fields not omitted, then the fills
     * made; what a computed default and the fills below a filled value are given.
     */
    final class View extends AbstractMap<String, Object> {
      private Map<String, Object> d;
      private String holder;
      private int depth;
      private final Fill filled;

      View(Map<String, Object> d, String holder, int depth, Fill filled) {
        this.d = d;
        this.holder = holder;
        this.depth = depth;
        this.filled = filled;
      }

      /** Now the view of another map with the same fill; see {@link Walk#view}. */
      void reset(Map<String, Object> d, String holder, int depth) {
        this.d = d;
        this.holder = holder;
        this.depth = depth;
      }

      @Override
      public Object get(Object k) {
        if (!(k instanceof String field)) {
          return null;
        }
        int i = filled.indexOf(field);
        if (i >= 0) {
          return filled.values[i];
        }
        Object v = d.get(field);
        return v != null && !omitted.omits(holder, depth, field, v) ? v : null;
      }

      @Override
      public boolean containsKey(Object k) {
        return k instanceof String field && (filled.indexOf(field) >= 0 || declares(d, holder, depth, field));
      }

      @Override
      public Set<Map.Entry<String, Object>> entrySet() {
        Map<String, Object> copy = new LinkedHashMap<>();
        d.forEach((k, v) -> {
          if (!omitted.omits(holder, depth, k, v)) {
            copy.put(k, v);
          }
        });
        for (int i = 0; i < filled.n; i++) {
          copy.put(filled.names[i], filled.values[i]);
        }
        return Collections.unmodifiableMap(copy).entrySet();
      }
    }

    /**
     * As {@code InSyncCheck}'s walk of a compiled map.
     *
     * @param holder the field holding {@code d}, as the omitted values see it
     * @param schemaBelow whether the schema may have defaults at {@code at} or below
     * @param fill what the normalizers fill into {@code d}; null to work it out here
     */
    boolean map(Map<String, Object> d, Loc at, String holder, int depth, boolean schemaBelow, Map<?, ?> l,
        Map<?, ?> own, Fill fill) {
      boolean ownFill = fill == null;
      if (ownFill) {
        fill = fills(d, at, holder, depth, schemaBelow);
      }
      Map<String, List<ServerDefault>> liveDefaults = at.defaults(key, groupKind);
      List<String> sp = at.sp;
      boolean root = at.loc.isEmpty();
      boolean metadata = at.loc.size() == 1 && at.loc.get(0).equals("metadata");
      String parent = sp.isEmpty() ? "" : sp.get(sp.size() - 1);
      int hits = 0;
      // A frozen map is read by position: an entry set and its iterator per map were a fifth of
      // what a first diff allocated.
      Iterator<Map.Entry<String, Object>> entries = ObjectTree.isFrozen(d) ? null : d.entrySet().iterator();
      for (int i = 0, n = d.size(); i < n; i++) {
        String k;
        Object v;
        if (entries == null) {
          k = ObjectTree.keyAt(d, i);
          v = ObjectTree.valueAt(d, i);
        } else {
          Map.Entry<String, Object> e = entries.next();
          k = e.getKey();
          v = e.getValue();
        }
        if (omitted.omits(holder, depth, k, v)) {
          continue;
        }
        Map<?, ?> childOwn = own == null ? null : FieldsNode.field(own, k);
        if (childOwn != null) {
          hits++;
        }
        if (skipped(root, metadata, k)) {
          continue;
        }
        Object lv = liveValue(l, k, liveDefaults);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
          Loc child = at.field(k);
          boolean childSchema = schemaBelow && schema.hasDefaultsBelow(group, kind, child.sp);
          if (v instanceof Map<?, ?> && !schema.isAtomicMap(group, kind, child.sp)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> dm = (Map<String, Object>) v;
            if (!(lv instanceof Map<?, ?> lm) || !map(dm, child, k, depth + 1, childSchema, lm, childOwn, null)) {
              return false;
            }
            continue;
          }
          if (v instanceof List<?> dl) {
            int r = list(dl, child, k, depth, childSchema, lv, childOwn);
            if (r == TRUE) {
              continue;
            } else if (r == FALSE) {
              return false;
            }
          }
          v = whole(v, at, child, k, depth, childSchema);
        }
        if (v == null && lv == null) {
          continue;
        }
        if (lv == null || !Equivalence.equivalent(parent, k, v, lv)) {
          return false;
        }
      }
      for (int i = 0; i < fill.n; i++) {
        String k = fill.names[i];
        Map<?, ?> childOwn = own == null ? null : FieldsNode.field(own, k);
        if (childOwn != null) {
          hits++;
        }
        if (skipped(root, metadata, k)) {
          continue;
        }
        Object lv = liveValue(l, k, liveDefaults);
        boolean inLive = lv != null || l.containsKey(k);
        // Owned but no longer declared, or a default the live object does not hold: reported.
        if (inLive && (childOwn != null || !Equivalence.equivalent("", k, fill.values[i], lv))) {
          return false;
        }
      }
      if (own != null && hits < FieldsNode.children(own)) {
        // Owned fields the desired map lacks: any the live object holds would be removed.
        if (ObjectTree.isFrozen(own)) {
          @SuppressWarnings("unchecked")
          Map<String, ?> frozen = (Map<String, ?>) own;
          for (int i = 0, n = frozen.size(); i < n; i++) {
            if (removes(ObjectTree.keyAt(frozen, i), d, holder, depth, fill, l, liveDefaults)) {
              return false;
            }
          }
        } else {
          for (Object ownKey : own.keySet()) {
            if (removes(ownKey, d, holder, depth, fill, l, liveDefaults)) {
              return false;
            }
          }
        }
      }
      if (ownFill) {
        giveBack(fill);
      }
      return true;
    }

    /** Whether an owned field (FieldsV1 key {@code ownKey}) that {@code d} lacks would be removed from the live map. */
    private boolean removes(Object ownKey, Map<String, Object> d, String holder, int depth, Fill fill, Map<?, ?> l,
        Map<String, List<ServerDefault>> liveDefaults) {
      if (ownKey instanceof String s && s.startsWith("f:")) {
        String name = FieldsNode.fieldName(s);
        return !declares(d, holder, depth, name) && fill.indexOf(name) < 0
            && (l.containsKey(name) || MapPlan.fill(liveDefaults, l, name) != null);
      }
      return false;
    }

    /**
     * A value compared whole as the normalizers would leave it: the server defaults below it filled
     * in. Omitted values inside it, or schema defaults below it, are not worked out here.
     */
    private Object whole(Object v, Loc at, Loc child, String field, int depth, boolean childSchema) {
      if (childSchema || omittedInside(v, field, depth + 1)) {
        throw UNSUPPORTED;
      }
      if (!child.filledAtOrBelow(key)) {
        return v;
      }
      Map<String, Object> holder = new LinkedHashMap<>(4);
      holder.put(field, Trees.deepCopy(v));
      serverDefaults.fillDeclared(key, at.loc, field, holder);
      return holder.get(field);
    }

    /** Whether the omitted values would remove anything inside {@code v}, held by {@code holder}. */
    private boolean omittedInside(Object v, String holder, int depth) {
      if (v instanceof Map<?, ?> m && ObjectTree.isFrozen(m)) {
        // By position, as map() reads: no entry set iterator per value compared whole.
        @SuppressWarnings("unchecked")
        Map<String, ?> frozen = (Map<String, ?>) m;
        for (int i = 0, n = frozen.size(); i < n; i++) {
          String k = ObjectTree.keyAt(frozen, i);
          Object value = ObjectTree.valueAt(frozen, i);
          if (omitted.omits(holder, depth, k, value) || omittedInside(value, k, depth + 1)) {
            return true;
          }
        }
      } else if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String k = String.valueOf(e.getKey());
          if (omitted.omits(holder, depth, k, e.getValue()) || omittedInside(e.getValue(), k, depth + 1)) {
            return true;
          }
        }
      } else if (v instanceof List<?> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
          Object item = list.get(i);
          if (item instanceof Map<?, ?> && omittedInside(item, holder, depth)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * A desired list walked as a set or map list: {@link #TRUE} or {@link #FALSE}, or {@link
     * #WHOLE} for a list the compiled check compares whole.
     *
     * @param at the list's location
     * @param depth the depth of the map holding the list
     */
    private int list(List<?> dl, Loc at, String field, int depth, boolean schemaBelow, Object lv, Map<?, ?> own) {
      ListType type = schema.listType(group, kind, at.sp);
      if (type.kind() == ListType.Kind.ATOMIC) {
        return WHOLE;
      }
      // By index, without an iterator: desired lists are frozen, random access.
      int n = dl.size();
      if (type.kind() == ListType.Kind.SET) {
        for (int i = 0; i < n; i++) {
          Object item = dl.get(i);
          if (item instanceof Map<?, ?> || item instanceof List<?>) {
            return WHOLE;
          }
        }
        return lv instanceof List<?> ll && set(dl, ll, own) ? TRUE : FALSE;
      }
      for (int i = 0; i < n; i++) {
        if (!(dl.get(i) instanceof Map<?, ?>)) {
          return WHOLE;
        }
      }
      return lv instanceof List<?> ll
          && mapList(dl, ll, type, at.keyFields(type), at.items(), field, depth + 1, schemaBelow, own) ? TRUE : FALSE;
    }

    private boolean set(List<?> items, List<?> ll, Map<?, ?> own) {
      int n = items.size();
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (Equivalence.equivalent("", "", items.get(j), items.get(i))) {
            return false; // duplicates: counting owned items would not add up
          }
        }
      }
      int hits = 0;
      for (int i = 0; i < n; i++) {
        Object item = items.get(i);
        if (!(i < ll.size() && Equivalence.equivalent("", "", item, ll.get(i))) && Equivalence.indexOf(ll, item) < 0) {
          return false;
        }
        if (own != null && own.get(new PathElement.Value(item).encode()) instanceof Map<?, ?>) {
          hits++;
        }
      }
      if (own != null && hits < FieldsNode.children(own)) {
        for (Object item : ll) {
          if (Equivalence.indexOf(items, item) < 0 && FieldsNode.item(own, new PathElement.Value(item)) != null) {
            return false;
          }
        }
      }
      return true;
    }

    /** @param itemDepth the depth of the items, as the omitted values see it */
    @SuppressWarnings("unchecked")
    private boolean mapList(List<?> dl, List<?> ll, ListType type, Loc.KeyFields keys, Loc itemLoc, String field,
        int itemDepth, boolean schemaBelow, Map<?, ?> own) {
      int n = dl.size();
      if (ll.size() < n) {
        return false;
      }
      String[] keyFields = keys.fields;
      String[] sortedKeys = keys.sorted;
      Map<String, List<ServerDefault>> liveItemDefaults = itemLoc.defaults(key, groupKind);
      int width = keyFields.length;
      // Every item's key values in one array, item i's at [i * width, (i + 1) * width); this
      // list's own arrays (lists nest), kept from check to check.
      int level = lists++;
      if (level == this.keyValues.length) {
        this.keyValues = Arrays.copyOf(this.keyValues, level * 2);
        this.keyValuesUsed = Arrays.copyOf(this.keyValuesUsed, level * 2);
        this.ownKeys = Arrays.copyOf(this.ownKeys, level * 2);
      }
      Object[] keyValues = this.keyValues[level];
      if (keyValues == null || keyValues.length < n * width) {
        keyValues = this.keyValues[level] = new Object[Math.max(n * width, 16)];
      }
      keyValuesUsed[level] = Math.max(keyValuesUsed[level], n * width);
      String[] ownKeys = this.ownKeys[level];
      if (ownKeys == null || ownKeys.length < n) {
        ownKeys = this.ownKeys[level] = new String[Math.max(n, 16)];
      }
      int hits = 0;
      for (int i = 0; i < n; i++) {
        Map<String, Object> item = (Map<String, Object>) dl.get(i);
        Fill fill = fills(item, itemLoc, field, itemDepth, schemaBelow);
        boolean asDeclared = true;
        int base = i * width;
        for (int q = 0; q < width; q++) {
          String kf = keyFields[q];
          if (declares(item, field, itemDepth, kf)) {
            keyValues[base + q] = item.get(kf);
          } else {
            int f = fill.indexOf(kf);
            keyValues[base + q] = f < 0 ? null : fill.values[f];
            asDeclared &= keyValues[base + q] == null && item.get(kf) == null;
          }
        }
        if (asDeclared && width == 1 && keyValues[base] instanceof String value) {
          // As encodeKey(item, ...) would read it: the value is the item's own.
          ownKeys[i] = FieldsNode.encodeKey(keyFields[0], value, scratch);
        } else {
          ownKeys[i] = FieldsNode.encodeKey(asDeclared ? item : view(item, field, itemDepth, fill), sortedKeys,
              scratch);
        }
        if (!(ll.get(i) instanceof Map<?, ?> li)) {
          return false;
        }
        for (int q = 0; q < keyFields.length; q++) {
          if (!Objects.equals(keyValues[base + q], liveValue(li, keyFields[q], liveItemDefaults))) {
            return false;
          }
        }
        Map<?, ?> itemOwn = null;
        if (own != null) {
          itemOwn = own.get(ownKeys[i]) instanceof Map<?, ?> m ? m
              : own.isEmpty() ? null : FieldsNode.item(own, key(keyFields, type.keys(), keyValues, base));
          if (itemOwn != null) {
            hits++;
          }
        }
        if (!map(item, itemLoc, field, itemDepth, schemaBelow, li, itemOwn, fill)) {
          return false;
        }
        giveBack(fill);
      }
      if (hasDuplicate(ownKeys, n)) {
        return false; // duplicate keys: counting owned items would not add up
      }
      if (own != null && hits < FieldsNode.children(own)) {
        // Live items past the desired ones that our manager owns would be removed.
        Set<PathElement.Key> wanted = null;
        for (int j = n; j < ll.size(); j++) {
          if (ll.get(j) instanceof Map<?, ?> m) {
            if (wanted == null) {
              wanted = new HashSet<>();
              for (int i = 0; i < n; i++) {
                wanted.add(key(keyFields, type.keys(), keyValues, i * width));
              }
            }
            Object[] live = new Object[keyFields.length];
            for (int q = 0; q < keyFields.length; q++) {
              live[q] = liveValue(m, keyFields[q], liveItemDefaults);
            }
            PathElement.Key k = key(keyFields, type.keys(), live, 0);
            if (!wanted.contains(k) && FieldsNode.item(own, k) != null) {
              return false;
            }
          }
        }
      }
      lists--;
      return true;
    }

    /** Whether two of the first {@code n} spellings are equal; by their (mostly cached) hashes first. */
    private boolean hasDuplicate(String[] spellings, int n) {
      if (n > 8) {
        if (hashes.length < n) {
          hashes = new int[Math.max(n, 64)];
        }
        int[] h = hashes;
        for (int i = 0; i < n; i++) {
          h[i] = spellings[i].hashCode();
        }
        Arrays.sort(h, 0, n);
        boolean collision = false;
        for (int i = 1; i < n && !collision; i++) {
          collision = h[i] == h[i - 1];
        }
        if (!collision) {
          return false;
        }
      }
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (spellings[j].equals(spellings[i])) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * A live field as the live object normalized would hold it: its value, or where it is absent
   * what the trailing defaults would fill in (null for nothing).
   */
  private static Object liveValue(Map<?, ?> live, String field, Map<String, List<ServerDefault>> defaults) {
    Object v = live.get(field);
    return v != null || live.containsKey(field) ? v : MapPlan.fill(defaults, live, field);
  }

  /** Not compared: apiVersion and kind at the root, the name and namespace in its metadata. */
  private static boolean skipped(boolean root, boolean metadata, String k) {
    return root && (k.equals("apiVersion") || k.equals("kind")) || metadata && (k.equals("name") || k.equals("namespace"));
  }

  private static final int FALSE = 0;
  private static final int TRUE = 1;
  private static final int WHOLE = 2;

  /** The key fields with the values at {@code values[from..]}. */
  private static Map<String, Object> keyMap(String[] fields, Object[] values, int from) {
    Map<String, Object> out = new LinkedHashMap<>(fields.length * 2);
    for (int q = 0; q < fields.length; q++) {
      out.put(fields[q], values[from + q]);
    }
    return out;
  }

  private static PathElement.Key key(String[] fields, List<String> keyList, Object[] values, int from) {
    return PathElement.Key.of(keyMap(fields, values, from), keyList);
  }
}
