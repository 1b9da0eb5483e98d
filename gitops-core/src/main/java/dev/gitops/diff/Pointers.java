package dev.gitops.diff;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON pointers. */
final class Pointers {
  private Pointers() {}

  static String child(String pointer, String segment) {
    return pointer + "/" + escape(segment);
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  static List<String> split(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    int start = 1;
    while (true) {
      int slash = pointer.indexOf('/', start);
      String s = pointer.substring(start, slash < 0 ? pointer.length() : slash);
      out.add(s.indexOf('~') < 0 ? s : s.replace("~1", "/").replace("~0", "~"));
      if (slash < 0) {
        return out;
      }
      start = slash + 1;
    }
  }

  /** Whether a pattern (segments, {@code *} for any one) is the pointer or one of its ancestors. */
  static boolean covers(List<String> pattern, String pointer) {
    int pos = 0;
    for (String want : pattern) {
      if (pos >= pointer.length() || pointer.charAt(pos) != '/') {
        return false;
      }
      int end = pointer.indexOf('/', pos + 1);
      if (end < 0) {
        end = pointer.length();
      }
      String raw = pointer.substring(pos + 1, end);
      if (!want.equals("*") && !want.equals(raw.replace("~1", "/").replace("~0", "~"))) {
        return false;
      }
      pos = end;
    }
    return true;
  }
}
