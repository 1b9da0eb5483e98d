package dev.gitops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

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

  /**
   * Whether standard error is a terminal. Java 17 cannot ask directly ({@code System.console()}
   * answers for stdin and stdout); on Linux {@code /proc/self/fd/2} names the device, elsewhere
   * the console's presence stands in.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(fd, LinkOption.NOFOLLOW_LINKS)) {
      try {
        String device = Files.readSymbolicLink(fd).toString();
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
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
