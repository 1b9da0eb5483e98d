package dev.gitops.policy.cel;

/**
 * Refuses regular expressions whose compiled program would be huge before they are compiled.
 * RE2 matches in linear time, but counted repetitions nest multiplicatively: {@code
 * ((a{1000}){1000}){1000}} is a short pattern whose program has a billion instructions, which
 * the Java RE2 compiler would try to build in memory. The estimate counts one per literal, class
 * or escape, multiplies by each repetition's upper count and adds alternatives. Package-private.
 */
final class RegexSize {
  /** Largest estimated program accepted. */
  static final long MAX_PROGRAM = 100_000;

  private RegexSize() {}

  static void check(String pattern) {
    long size = estimate(pattern);
    if (size > MAX_PROGRAM) {
      throw new EvaluationBudget.Exceeded("regular expression of " + pattern.length()
          + " characters is too large: its program would have about " + size
          + " instructions, more than " + MAX_PROGRAM);
    }
  }

  /** An estimate of the compiled program size, saturating instead of overflowing. */
  static long estimate(String p) {
    // Per open group: the size of its finished alternatives and of its current sequence.
    long[] alt = new long[p.length() + 2];
    long[] seq = new long[p.length() + 2];
    long[] last = new long[p.length() + 2]; // size of the last item of the current sequence
    int depth = 0;
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      long item = -1;
      switch (c) {
        case '\\' -> {
          i += 2;
          item = 1;
        }
        case '[' -> {
          int j = i + 1;
          if (j < p.length() && p.charAt(j) == '^') {
            j++;
          }
          if (j < p.length() && p.charAt(j) == ']') {
            j++;
          }
          while (j < p.length() && p.charAt(j) != ']') {
            j += p.charAt(j) == '\\' ? 2 : 1;
          }
          i = j + 1;
          item = 1;
        }
        case '(' -> {
          depth++;
          alt[depth] = 0;
          seq[depth] = 0;
          last[depth] = 0;
          i++;
        }
        case ')' -> {
          if (depth == 0) {
            i++;
            item = 1;
          } else {
            long group = add(alt[depth], seq[depth]) + 1;
            depth--;
            i++;
            item = group;
          }
        }
        case '|' -> {
          alt[depth] = add(add(alt[depth], seq[depth]), 1);
          seq[depth] = 0;
          last[depth] = 0;
          i++;
        }
        case '*', '+', '?' -> {
          seq[depth] = add(seq[depth], 1);
          i++;
        }
        case '{' -> {
          int close = p.indexOf('}', i);
          long times = close < 0 ? -1 : repeat(p.substring(i + 1, close));
          if (times < 0) {
            i++;
            item = 1; // a literal brace
          } else {
            // The last item is repeated: replace its size by size * times.
            seq[depth] = add(seq[depth] - last[depth], mul(last[depth], times));
            last[depth] = mul(last[depth], times);
            i = close + 1;
          }
        }
        default -> {
          i++;
          item = 1;
        }
      }
      if (item >= 0) {
        seq[depth] = add(seq[depth], item);
        last[depth] = item;
      }
    }
    long total = 0;
    for (int d = depth; d >= 0; d--) {
      total = add(total, add(alt[d], seq[d]));
    }
    return total;
  }

  /** The upper count of {@code n}, {@code n,} or {@code n,m}; -1 if it is not a repetition. */
  private static long repeat(String body) {
    if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
      return -1;
    }
    int comma = body.indexOf(',');
    if (comma < 0) {
      return Long.parseLong(body);
    }
    String max = body.substring(comma + 1);
    return max.isEmpty() ? Long.parseLong(body.substring(0, comma)) + 1 : Long.parseLong(max);
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
