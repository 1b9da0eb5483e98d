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
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
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
