package dev.gitops.cli;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** Turns an exception and its causes into the one line printed after {@code error: }. */
final class Errors {
  // JDK exceptions whose message alone is clear; others (NoSuchFileException: "/x") need their name.
  private static final Set<String> SELF_EXPLAINING = Set.of(
      "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
      "java.io.UncheckedIOException");

  private Errors() {}

  /** The exception's message, then each cause's that adds something, joined by {@code ": "}. */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(text(e));
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    seen.put(e, true);
    for (Throwable c = e.getCause(); c != null && seen.put(c, true) == null; c = c.getCause()) {
      String t = text(c);
      if (!b.toString().contains(t)) {
        b.append(": ").append(t);
      }
    }
    return b.toString().replaceAll("\\s*\\R\\s*", " ").strip(); // one line, whatever the messages hold
  }

  private static String text(Throwable e) {
    String name = e.getClass().getName();
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (name.startsWith("java.") && !SELF_EXPLAINING.contains(name)) {
      return e.getClass().getSimpleName() + ": " + message;
    }
    return message;
  }
}
