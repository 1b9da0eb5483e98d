package dev.gitops.model;

/**
 * One instance per recurring map key in the trees {@link ObjectTree#freeze} copies (live objects,
 * their managedFields): thousands of objects then hold a few hundred key strings rather than
 * their own copies of each, which a lookup in any of them finds in cache, and the garbage
 * collector has fewer objects to copy. Package-private.
 *
 * <p>A fixed-size, lossy table found by hash, unsynchronized on purpose: a slot holds one
 * immutable string or none, and a lost update only costs a key not shared.
 */
final class FrozenKeys {
  /** Longer keys (annotations, label selectors spelled in FieldsV1) rarely recur: kept as they are. */
  private static final int MAX_LENGTH = 64;
  private static final String[] SLOTS = new String[1 << 12];
  /** Each slot's hash, compared before its string is read (a filter only: a match is confirmed by content). */
  private static final int[] HASHES = new int[SLOTS.length];

  private FrozenKeys() {}

  /** The shared instance of a key equal to {@code key}: an earlier one, or this one, now shared. */
  static String of(String key) {
    if (key.length() > MAX_LENGTH) {
      return key;
    }
    int h = key.hashCode();
    // Two slots per hash, so that two frequent keys landing on one slot do not evict each other.
    int slot = (h ^ (h >>> 16)) & (SLOTS.length - 2);
    String s = SLOTS[slot];
    if (s == key || HASHES[slot] == h && s != null && s.equals(key)) {
      return s;
    }
    String other = SLOTS[slot + 1];
    if (other == key || HASHES[slot + 1] == h && other != null && other.equals(key)) {
      return other;
    }
    int at = s == null || other != null ? slot : slot + 1;
    SLOTS[at] = key;
    HASHES[at] = h;
    return key;
  }
}
