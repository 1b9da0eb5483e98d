package dev.gitops.cli;

/**
 * Colours for text output, on only when standard output is a terminal (and {@code NO_COLOR} is
 * not set): piped or captured output is plain text.
 *
 * @param color whether to colour
 */
record Style(boolean color) {
  private static final String RESET = "\u001b[0m";

  /** Colours when {@code System.console()} exists and {@code NO_COLOR} is unset. */
  static Style detect() {
    return new Style(System.console() != null && System.getenv("NO_COLOR") == null);
  }

  String red(String s) {
    return paint("\u001b[31m", s);
  }

  String green(String s) {
    return paint("\u001b[32m", s);
  }

  String yellow(String s) {
    return paint("\u001b[33m", s);
  }

  String bold(String s) {
    return paint("\u001b[1m", s);
  }

  /** A unified diff with removed lines red and added lines green. */
  String diff(String unified) {
    if (!color) {
      return unified;
    }
    StringBuilder b = new StringBuilder();
    for (String line : unified.split("\n", -1)) {
      if (!b.isEmpty()) {
        b.append('\n');
      }
      boolean header = line.startsWith("---") || line.startsWith("+++");
      b.append(header ? bold(line) : line.startsWith("-") ? red(line) : line.startsWith("+") ? green(line) : line);
    }
    return b.toString();
  }

  private String paint(String code, String s) {
    return color ? code + s + RESET : s;
  }
}
