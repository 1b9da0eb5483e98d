package dev.gitops.diff;

/**
 * A JSON pointer being walked, as a parent link: O(1) per step; spelled (and the spelling kept)
 * only when asked for, that is when a change or an ignored field is reported.
 */
final class Ptr {
  static final Ptr ROOT = new Ptr(null, null, -1, "");

  private final Ptr parent;
  private final String name;
  private final int index;
  private String text;

  private Ptr(Ptr parent, String name, int index, String text) {
    this.parent = parent;
    this.name = name;
    this.index = index;
    this.text = text;
  }

  static Ptr child(Ptr parent, String name) {
    return new Ptr(parent, name, -1, null);
  }

  static Ptr child(Ptr parent, int index) {
    return new Ptr(parent, null, index, null);
  }

  /** The pointer, RFC 6901 escaped. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = name != null ? Pointers.child(parent.toString(), name) : Pointers.child(parent.toString(), index);
      text = t;
    }
    return t;
  }
}
