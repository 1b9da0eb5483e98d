package dev.gitops.health;

import dev.gitops.cluster.LiveObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of an object's spec and status for the health rules. A field of the wrong type
 * counts as absent: a malformed status must not make an assessment throw. Package-private.
 */
final class StatusFields {
  private StatusFields() {}

  /** A whole number at a path, if present and numeric. */
  static Optional<Long> number(LiveObject o, String... path) {
    return o.get(path).filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
  }

  /** A whole number at a path, or the default when absent. */
  static long number(LiveObject o, long absent, String... path) {
    return number(o, path).orElse(absent);
  }

  /** A string at a path, or empty. */
  static String string(LiveObject o, String... path) {
    return o.get(path).filter(String.class::isInstance).map(String.class::cast).orElse("");
  }

  /** Whether a boolean at a path is true. */
  static boolean isTrue(LiveObject o, String... path) {
    return o.get(path).map(Boolean.TRUE::equals).orElse(false);
  }

  /** Whether a path holds a non-empty list. */
  static boolean hasItems(LiveObject o, String... path) {
    return o.get(path).filter(List.class::isInstance).map(l -> !((List<?>) l).isEmpty()).orElse(false);
  }

  /** status.conditions, the entries that are maps. */
  static List<Map<?, ?>> conditions(LiveObject o) {
    return o.get("status", "conditions").filter(List.class::isInstance)
        .map(l -> ((List<?>) l).stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList())
        .orElse(List.of());
  }

  /** The condition of a type in status.conditions, if any. */
  static Optional<Condition> condition(LiveObject o, String type) {
    return conditions(o).stream().filter(c -> type.equals(c.get("type"))).findFirst().map(Condition::of);
  }

  /** Whether the condition of a type has status True. */
  static boolean conditionTrue(LiveObject o, String type) {
    return condition(o, type).map(Condition::isTrue).orElse(false);
  }

  /**
   * For workloads, whose controllers always report it: why the controller has not yet seen the
   * latest spec (status.observedGeneration, 0 when absent, behind metadata.generation), if so.
   */
  static Optional<String> workloadGenerationBehind(LiveObject o) {
    return behind(o.generation(), number(o, 0, "status", "observedGeneration"));
  }

  /**
   * For any kind (the kstatus rule): why the controller has not yet seen the latest spec, if
   * status.observedGeneration is present and behind metadata.generation. Kinds that do not report
   * an observedGeneration are not judged by it.
   */
  static Optional<String> generationBehind(LiveObject o) {
    return number(o, "status", "observedGeneration").flatMap(observed -> behind(o.generation(), observed));
  }

  private static Optional<String> behind(long generation, long observed) {
    return observed < generation
        ? Optional.of("waiting for the controller to observe generation " + generation + " (observed " + observed + ")")
        : Optional.empty();
  }

  /** One status condition. */
  record Condition(String type, String status, String reason, String message) {
    static Condition of(Map<?, ?> c) {
      return new Condition(text(c.get("type")), text(c.get("status")), text(c.get("reason")), text(c.get("message")));
    }

    private static String text(Object v) {
      return v == null ? "" : String.valueOf(v);
    }

    boolean isTrue() {
      return "True".equals(status);
    }

    /** {@code reason: message}, or whichever of them is present. */
    String explain() {
      if (reason.isEmpty()) {
        return message;
      }
      return message.isEmpty() ? reason : reason + ": " + message;
    }
  }
}
