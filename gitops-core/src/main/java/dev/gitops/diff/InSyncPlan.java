package dev.gitops.diff;

import dev.gitops.cluster.ServerDefault;
import dev.gitops.cluster.ListType;
import dev.gitops.cluster.PathElement;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The compiled desired side of an {@link InSyncCheck}: per map what to do with each field, per
 * list its type and its items' keys, made once per desired object by {@link Compiler} and only
 * read afterwards (by any number of threads).
 */
final class InSyncPlan {
  /** Not compared: apiVersion, kind, metadata name and namespace. */
  static final byte SKIP = 0;
  /** Filled in by a normalizer, not declared. */
  static final byte FILLED = 1;
  /** Covered by a pointer rule. */
  static final byte IGNORED = 2;
  /** Compared whole. */
  static final byte VALUE = 3;
  /** A map walked into. */
  static final byte MAP = 4;
  /** A set or map list walked into. */
  static final byte LIST = 5;

  private InSyncPlan() {}

  /**
   * The trailing {@link ServerDefaults} of a differ, merged by kind and location once: every
   * compiled map at a location shares the same read-only map of its defaults by field.
   */
  static final class Defaults {
    private final List<ServerDefaults> tables;
    private final Map<String, Map<List<String>, Optional<Map<String, List<ServerDefault>>>>> byKind =
        new ConcurrentHashMap<>();

    /** The root location per {@code group/Kind}; see {@link Loc}. */
    private final Map<String, Loc> roots = new ConcurrentHashMap<>();
    /** Locations cached, all kinds together, against {@link #MAX_LOCATIONS}. */
    private final AtomicInteger locations = new AtomicInteger();

    Defaults(List<ServerDefaults> tables) {
      this.tables = List.copyOf(tables);
    }

    /** The root of objects of a kind. */
    Loc root(String groupKind) {
      Loc root = roots.get(groupKind);
      return root != null ? root : roots.computeIfAbsent(groupKind, gk -> new Loc(this, List.of(), List.of()));
    }

    /** By field, in the order the normalizers would apply them; null for none. */
    Map<String, List<ServerDefault>> at(ObjectKey key, String groupKind, List<String> loc) {
      if (tables.isEmpty()) {
        return null;
      }
      Map<List<String>, Optional<Map<String, List<ServerDefault>>>> byLocation =
          byKind.computeIfAbsent(groupKind, gk -> new ConcurrentHashMap<>());
      return byLocation.computeIfAbsent(loc, k -> {
        Map<String, List<ServerDefault>> out = null;
        for (ServerDefaults table : tables) {
          for (ServerDefault d : table.at(key, loc)) {
            if (out == null) {
              out = new LinkedHashMap<>();
            }
            out.computeIfAbsent(d.field(), f -> new ArrayList<>()).add(d);
          }
        }
        return Optional.ofNullable(out);
      }).orElse(null);
    }
  }

  /** Bound on the locations cached by one differ: maps of maps with keys of their own could grow them without end. */
  static final int MAX_LOCATIONS = 20_000;

  /**
   * A location in objects of one kind, made once per differ and shared by every compile: its
   * paths, which every compiled map and list needs and which were most of a compile's garbage when
   * made per object, and its defaults. Thread-safe.
   */
  static final class Loc {
    private final Defaults owner;
    /** As defaults name it: field names and {@code *} for list items. */
    final List<String> loc;
    /** As the schema names it: field names only. */
    final List<String> sp;
    private final Map<String, Loc> children = new ConcurrentHashMap<>();
    private volatile Loc items;
    /** {@link Defaults#at}, or {@link #UNKNOWN} until asked. */
    private volatile Object defaults = UNKNOWN;

    private static final Object UNKNOWN = new Object();

    Loc(Defaults owner, List<String> loc, List<String> sp) {
      this.owner = owner;
      this.loc = loc;
      this.sp = sp;
    }

    /** The field {@code name} of the map here. */
    Loc field(String name) {
      Loc c = children.get(name);
      if (c == null) {
        c = new Loc(owner, append(loc, name), append(sp, name));
        if (owner.locations.get() < MAX_LOCATIONS) {
          Loc prev = children.putIfAbsent(name, c);
          if (prev != null) {
            return prev;
          }
          owner.locations.incrementAndGet();
        }
      }
      return c;
    }

    /** The items of the list here: their schema path is the list's. */
    Loc items() {
      Loc c = items;
      if (c == null) {
        c = new Loc(owner, append(loc, "*"), sp);
        items = c;
      }
      return c;
    }

    /** Whether any location of the defaults is here or below, for objects of the kind of this location's root. */
    boolean filledAtOrBelow(ObjectKey key) {
      Boolean b = below;
      if (b == null) {
        boolean any = false;
        for (ServerDefaults table : owner.tables) {
          any |= table.hasLocationAtOrBelow(key, loc);
        }
        b = any;
        below = b;
      }
      return b;
    }

    private volatile Boolean below;

    @SuppressWarnings("unchecked")
    Map<String, List<ServerDefault>> defaults(ObjectKey key, String groupKind) {
      Object d = defaults;
      if (d == UNKNOWN) {
        d = owner.at(key, groupKind, loc);
        defaults = d;
      }
      return (Map<String, List<ServerDefault>>) d;
    }

    /**
     * {@link #defaults} as arrays, field by field in order: what a first diff asks of every map
     * here, read without an entry set and its iterator per map. Null for none.
     */
    Defaulted defaulted(ObjectKey key, String groupKind) {
      Object d = defaulted;
      if (d == UNKNOWN) {
        Map<String, List<ServerDefault>> byField = defaults(key, groupKind);
        d = byField == null ? null : new Defaulted(byField);
        defaulted = d;
      }
      return (Defaulted) d;
    }

    private volatile Object defaulted = UNKNOWN;

    /** The fields {@link #defaults} fills here and, per field, its defaults in order. */
    static final class Defaulted {
      final String[] fields;
      final ServerDefault[][] byField;
      /** Per field, a constant default with the defaults below it filled in; see {@link #filled}. */
      private final Filled[] filled;

      Defaulted(Map<String, List<ServerDefault>> defaults) {
        fields = defaults.keySet().toArray(new String[0]);
        byField = new ServerDefault[fields.length][];
        for (int i = 0; i < fields.length; i++) {
          byField[i] = defaults.get(fields[i]).toArray(new ServerDefault[0]);
        }
        filled = new Filled[fields.length];
      }

      /**
       * Field {@code i}'s constant default {@code constant}, a map or list, as {@link #keepFilled}
       * was given it (the defaults below it filled in), or null. Filling below a constant reads
       * nothing but the constant, so every object gets the same value: made once rather than
       * copied and filled per object. Shared: only read.
       */
      Object filled(int i, Object constant) {
        Filled f = filled[i];
        return f != null && f.constant == constant ? f.value : null;
      }

      void keepFilled(int i, Object constant, Object value) {
        filled[i] = new Filled(constant, value); // a race only makes it twice
      }

      private record Filled(Object constant, Object value) {}
    }

    /**
     * A schema's defaults here as arrays, for the map {@code defaults} it gave: kept with that map
     * (a table's maps are shared and never modified) and made again for another one, as a schema
     * may change (a custom resource definition added).
     */
    SchemaDefaulted schemaDefaulted(Map<String, Object> defaults) {
      SchemaDefaulted s = schemaDefaulted;
      if (s == null || s.from != defaults) {
        s = new SchemaDefaulted(defaults);
        schemaDefaulted = s;
      }
      return s;
    }

    private volatile SchemaDefaulted schemaDefaulted;

    static final class SchemaDefaulted {
      private final Map<String, Object> from;
      final String[] fields;
      final Object[] values;

      SchemaDefaulted(Map<String, Object> defaults) {
        from = defaults;
        fields = new String[defaults.size()];
        values = new Object[fields.length];
        int i = 0;
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
          fields[i] = e.getKey();
          values[i++] = e.getValue();
        }
      }
    }

    /**
     * The key fields of a map list here, as given and sorted: asked per list of every first diff.
     * Kept with the type they were made from and made again for another one, since a schema may
     * change (a custom resource definition added); a type is immutable.
     */
    KeyFields keyFields(ListType type) {
      KeyFields k = keyFields;
      if (k == null || k.type != type && !k.type.equals(type)) {
        k = new KeyFields(type);
        keyFields = k;
      }
      return k;
    }

    private volatile KeyFields keyFields;

    static final class KeyFields {
      final ListType type;
      final String[] fields;
      final String[] sorted;

      KeyFields(ListType type) {
        this.type = type;
        this.fields = type.keys().toArray(new String[0]);
        this.sorted = fields.clone();
        java.util.Arrays.sort(sorted);
      }
    }

    private static List<String> append(List<String> path, String name) {
      String[] out = path.toArray(new String[path.size() + 1]);
      out[path.size()] = name;
      return List.of(out);
    }
  }

  /**
   * One desired map: its entries with what to do with each. Kept for as long as its manifest, for
   * every desired object, so it is compact and refers to no map of the normalized desired copy
   * (which can then go) except values compared whole.
   */
  static final class MapPlan {
    /** The name of the map holding these fields, as {@link Equivalence} wants it. */
    final String parent;
    /** Per entry: its name, its FieldsV1 spelling and its desired value, in three consecutive slots. */
    final Object[] entries;
    final byte[] modes;
    /** A {@link MapPlan} or {@link ListPlan} per entry of mode MAP or LIST; null when there is none. */
    Object[] subs;
    /** Per entry, for mode IGNORED; null when no entry is. */
    IgnoredField[] ignoredAs;
    /** The defaults at this map's location by field, in the order the normalizers would apply them. */
    final Map<String, List<ServerDefault>> defaults;
    /** Paths and pointers per entry, for fields an ignored manager owns; null without such rules. */
    String[] displays;
    String[] pointers;
    /** When this map is a map-list item, its key fields: no manager rule takes them out. */
    List<String> itemKeys = List.of();

    MapPlan(String parent, int n, Map<String, List<ServerDefault>> defaults) {
      this.parent = parent;
      this.entries = new Object[3 * n];
      this.modes = new byte[n];
      this.defaults = defaults;
    }

    int size() {
      return modes.length;
    }

    void sub(int i, Object plan) {
      if (subs == null) {
        subs = new Object[modes.length];
      }
      subs[i] = plan;
    }

    String name(int i) {
      return (String) entries[3 * i];
    }

    String ownName(int i) {
      return (String) entries[3 * i + 1];
    }

    Object value(int i) {
      return entries[3 * i + 2];
    }

    boolean has(String name) {
      for (int i = 0; i < modes.length; i++) {
        if (entries[3 * i].equals(name)) {
          return true;
        }
      }
      return false;
    }

    /** What normalizing {@code live} would put at {@code field}, which it lacks; null for nothing. */
    Object fill(Map<?, ?> live, String field) {
      return fill(defaults, live, field);
    }

    @SuppressWarnings("unchecked")
    static Object fill(Map<String, List<ServerDefault>> defaults, Map<?, ?> live, String field) {
      if (defaults == null) {
        return null;
      }
      List<ServerDefault> list = defaults.get(field);
      if (list == null) {
        return null;
      }
      for (ServerDefault d : list) {
        // Only read by the check: a constant needs no copy.
        Object c = d.constantValue();
        Object v = c != null ? c : d.value().apply((Map<String, Object>) live);
        if (v != null) {
          return v;
        }
      }
      return null;
    }
  }

  /** One desired set or map list. */
  static final class ListPlan {
    /** Set lists: the desired items. */
    Object[] setItems;
    String[] ownValues;
    /** Map lists. */
    String[] keyFields;
    List<String> keyList;
    /** Per item, the values of its key fields (null where absent); path elements are made only when needed. */
    Object[][] keyValues;
    String[] ownKeys;
    MapPlan[] items;
    /** Per item ignored by a pointer rule; null when none is. */
    IgnoredField[] ignoredAs;
    String[] displays;
    String[] pointers;
    Map<String, List<ServerDefault>> itemDefaults;

    /** Item {@code i}'s key as a path element. */
    PathElement.Key key(int i) {
      Map<String, Object> keys = new LinkedHashMap<>();
      for (int q = 0; q < keyFields.length; q++) {
        keys.put(keyFields[q], keyValues[i][q]);
      }
      return PathElement.Key.of(keys, keyList);
    }
    /** Duplicate keys or items in the desired list: counting owned items would not add up. */
    boolean giveUp;
  }

  static final class Compiler {
    private final ObjectKey key;
    private final Comparison.Prepared prepared;
    private final SchemaTable schema;
    private final List<IgnoreRule> rules;
    private final Defaults defaults;
    /** Whether to keep each field's path and pointer, for reporting fields ignored managers own. */
    private final boolean names;
    private final String groupKind;
    /** Whether pointers and paths are needed at all: for pointer rules, or for {@link #names}. */
    private final boolean paths;
    private final StringBuilder scratch = new StringBuilder(64);

    Compiler(ObjectKey key, Comparison.Prepared prepared, SchemaTable schema, List<IgnoreRule> rules,
        Defaults defaults, boolean names) {
      this.key = key;
      this.prepared = prepared;
      this.schema = schema;
      this.rules = rules;
      this.defaults = defaults;
      this.names = names;
      this.groupKind = key.group() + "/" + key.kind();
      this.paths = names || !rules.isEmpty();
    }

    /** The plan of the whole object. */
    MapPlan root() {
      return map(prepared.desired, defaults.root(groupKind), Step.ROOT, "");
    }

    /** @param at the map's location */
    @SuppressWarnings("unchecked")
    MapPlan map(Map<String, Object> d, Loc at, Step path, String pointer) {
      List<String> loc = at.loc;
      List<String> sp = at.sp;
      MapPlan plan = new MapPlan(sp.isEmpty() ? "" : sp.get(sp.size() - 1), d.size(), at.defaults(key, groupKind));
      List<String> filledHere = prepared.filledByParent.get(d);
      boolean root = loc.isEmpty();
      boolean metadata = loc.size() == 1 && loc.get(0).equals("metadata");
      if (names) {
        plan.displays = new String[d.size()];
        plan.pointers = new String[d.size()];
      }
      int i = 0;
      for (Map.Entry<String, Object> e : d.entrySet()) {
        String k = e.getKey();
        Object v = e.getValue();
        plan.entries[3 * i] = k;
        plan.entries[3 * i + 1] = FieldsNode.fieldKey(k);
        plan.entries[3 * i + 2] = v instanceof Map<?, ?> || v instanceof List<?> ? null : v;
        // Pointers and paths only where a rule or a report may need them.
        String p = paths ? Pointers.child(pointer, k) : null;
        Step cp = paths ? path.field(k) : null;
        if (names) {
          plan.displays[i] = cp.display();
          plan.pointers[i] = p;
        }
        IgnoreRule rule;
        if (root && (k.equals("apiVersion") || k.equals("kind")) || metadata && (k.equals("name") || k.equals("namespace"))) {
          plan.modes[i] = SKIP;
        } else if (filledHere != null && filledHere.contains(k)) {
          plan.modes[i] = FILLED;
          plan.entries[3 * i + 2] = v;
        } else if ((rule = ignoredBy(p)) != null) {
          plan.modes[i] = IGNORED;
          if (plan.ignoredAs == null) {
            plan.ignoredAs = new IgnoredField[d.size()];
          }
          plan.ignoredAs[i] = new IgnoredField(cp.display(), p,
              Reason.of(Reason.Kind.IGNORE_RULE, "ignore rule " + rule.describe()));
        } else {
          // Child paths only for maps and lists: most fields are scalars.
          boolean container = v instanceof Map<?, ?> || v instanceof List<?>;
          Loc child = container ? at.field(k) : null;
          ListPlan lp;
          if (v instanceof Map<?, ?> m && !schema.isAtomicMap(key.group(), key.kind(), child.sp)) {
            plan.modes[i] = MAP;
            plan.sub(i, map((Map<String, Object>) m, child, cp, p));
          } else if (v instanceof List<?> l && (lp = list(l, child, cp, p)) != null) {
            plan.modes[i] = LIST;
            plan.sub(i, lp);
          } else {
            plan.modes[i] = VALUE;
            plan.entries[3 * i + 2] = v; // compared whole: the one part of the copy kept
          }
        }
        i++;
      }
      return plan;
    }

    /** The plan of a set or map list; null for one compared whole. */
    @SuppressWarnings("unchecked")
    private ListPlan list(List<?> l, Loc at, Step path, String pointer) {
      List<String> sp = at.sp;
      ListType type = schema.listType(key.group(), key.kind(), sp);
      if (type.kind() == ListType.Kind.ATOMIC) {
        return null;
      }
      ListPlan plan = new ListPlan();
      int n = l.size();
      if (type.kind() == ListType.Kind.SET) {
        plan.setItems = new Object[n];
        plan.ownValues = new String[n];
        for (int i = 0; i < n; i++) {
          Object item = l.get(i);
          if (item instanceof Map<?, ?> || item instanceof List<?>) {
            return null;
          }
          for (int j = 0; j < i; j++) {
            if (Equivalence.equivalent("", "", plan.setItems[j], item)) {
              plan.giveUp = true;
            }
          }
          plan.setItems[i] = item;
          plan.ownValues[i] = new PathElement.Value(item).encode();
        }
        return plan;
      }
      for (Object item : l) {
        if (!(item instanceof Map<?, ?>)) {
          return null;
        }
      }
      Loc itemLoc = at.items();
      plan.keyFields = type.keys().toArray(new String[0]);
      String[] sortedKeys = plan.keyFields.clone();
      java.util.Arrays.sort(sortedKeys);
      plan.keyList = type.keys();
      plan.keyValues = new Object[n][];
      plan.ownKeys = new String[n];
      plan.items = new MapPlan[n];
      if (names) {
        plan.displays = new String[n];
        plan.pointers = new String[n];
      }
      plan.itemDefaults = itemLoc.defaults(key, groupKind);
      for (int i = 0; i < n; i++) {
        Map<String, Object> item = (Map<String, Object>) l.get(i);
        // The key itself only where a path is spelled: most compiles need its spelling alone.
        PathElement.Key k = paths ? PathElement.Key.of(item, type.keys()) : null;
        Object[] values = new Object[plan.keyFields.length];
        for (int q = 0; q < values.length; q++) {
          values[q] = item.get(plan.keyFields[q]);
        }
        plan.keyValues[i] = values;
        plan.ownKeys[i] = FieldsNode.encodeKey(item, sortedKeys, scratch);
        if (n <= 8 && seen(plan.ownKeys, i)) {
          plan.giveUp = true;
        }
        Step ip = paths ? path.child(k) : null;
        String p = paths ? Pointers.child(pointer, i) : null;
        if (names) {
          plan.displays[i] = ip.display();
          plan.pointers[i] = p;
        }
        IgnoreRule rule = ignoredBy(p);
        if (rule != null) {
          if (plan.ignoredAs == null) {
            plan.ignoredAs = new IgnoredField[n];
          }
          plan.ignoredAs[i] = new IgnoredField(ip.display(), p,
              Reason.of(Reason.Kind.IGNORE_RULE, "ignore rule " + rule.describe()));
        } else {
          MapPlan itemPlan = map(item, itemLoc, ip, p);
          itemPlan.itemKeys = type.keys();
          plan.items[i] = itemPlan;
        }
      }
      if (n > 8) {
        String[] sorted = plan.ownKeys.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
          if (sorted[i].equals(sorted[i - 1])) {
            plan.giveUp = true;
          }
        }
      }
      return plan;
    }

    private IgnoreRule ignoredBy(String pointer) {
      if (pointer == null) {
        return null;
      }
      for (IgnoreRule rule : rules) {
        if (Pointers.covers(rule.segments(), pointer)) {
          return rule;
        }
      }
      return null;
    }

    /** Whether {@code spellings[i]} is one of the earlier ones. */
    private static boolean seen(String[] spellings, int i) {
      for (int j = 0; j < i; j++) {
        if (spellings[j].equals(spellings[i])) {
          return true;
        }
      }
      return false;
    }
  }
}
