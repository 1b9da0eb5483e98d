package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Policy} made of rule sets and exemptions. Immutable and thread-safe when its checks
 * are; built with {@link #builder()}.
 *
 * <p>For each object every rule runs once. A violation becomes a verdict whose action is the
 * rule's mode in its set ({@link EnforcementMode#action()}), or {@link Action#EXEMPTED} when a
 * configured {@link Exemption} or the object's {@value Exemption#ANNOTATION} annotation waives the
 * rule. A rule that throws yields one verdict per its {@link FailurePolicy}.
 */
public final class RulePolicy implements Policy {
  private final List<Entry> entries;
  private final List<Exemption> exemptions;
  private final boolean annotationExemptions;

  private record Entry(Rule rule, EnforcementMode mode) {}

  private RulePolicy(Builder b) {
    this.entries = List.copyOf(b.entries);
    this.exemptions = List.copyOf(b.exemptions);
    this.annotationExemptions = b.annotationExemptions;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An enforcing policy of the given rule sets, with annotation exemptions on. */
  public static RulePolicy of(RuleSet... sets) {
    Builder b = builder();
    for (RuleSet s : sets) {
      b.ruleSet(s);
    }
    return b.build();
  }

  /** The ids of the rules, in evaluation order. */
  public List<String> ruleIds() {
    return entries.stream().map(e -> e.rule().id()).toList();
  }

  /** Judges the object as declared: as a create, with no object before. */
  @Override
  public List<Verdict> evaluate(Manifest object) {
    return evaluate(ObjectChange.create(object));
  }

  @Override
  public List<Verdict> evaluate(ObjectChange change) {
    Evaluation ev = new Evaluation(change);
    for (Entry e : entries) {
      ev.run(e);
    }
    return ev.out == null ? List.of() : ev.out;
  }

  /** The state of one object's evaluation; the annotation is read only if something is found. */
  private final class Evaluation implements Violations {
    private final ObjectChange change;
    private final Manifest object;
    private List<Verdict> out;
    private Set<String> annotated;
    private Entry current;
    private String exemptReason;
    private SecretValues secrets;
    private boolean secretsRead;

    Evaluation(ObjectChange change) {
      this.change = change;
      this.object = change.object();
    }

    void run(Entry e) {
      current = e;
      exemptReason = null;
      try {
        e.rule().check().check(change, this);
      } catch (RuntimeException | StackOverflowError ex) {
        // A broken rule must not break the gate: it becomes a verdict per its failure policy.
        Action action = e.rule().failurePolicy() == FailurePolicy.FAIL || e.mode().action() != Action.DENY
            ? e.mode().action()
            : Action.WARN;
        String why = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        emit("", "rule could not be evaluated (failurePolicy "
            + e.rule().failurePolicy() + "): " + why, action);
      }
    }

    @Override
    public void add(String path, String message) {
      emit(requireNonNull(path, "path"), requireNonNull(message, "message"), current.mode().action());
    }

    @Override
    public void audit(String path, String message) {
      emit(requireNonNull(path, "path"), requireNonNull(message, "message"), Action.AUDIT);
    }

    private void emit(String path, String message, Action action) {
      String reason = exemption();
      if (reason != null) {
        action = Action.EXEMPTED;
        message = message + " [exempted: " + reason + "]";
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      if (!secretsRead) {
        secrets = SecretValues.of(change);
        secretsRead = true;
      }
      if (secrets != null) {
        message = secrets.scrub(message);
        path = secrets.scrub(path); // a map key of a Secret's data is a name, but keys can be anything
      }
      Rule r = current.rule();
      out.add(new Verdict(r.id(), object.key(), r.severity(), action, message, path, object.source()));
    }

    private String exemption() {
      if (exemptReason != null) {
        return exemptReason.isEmpty() ? null : exemptReason;
      }
      String id = current.rule().id();
      exemptReason = "";
      if (annotationExemptions && annotated().contains(id)) {
        exemptReason = "annotation " + Exemption.ANNOTATION;
      } else {
        for (Exemption x : exemptions) {
          if (x.covers(id, object)) {
            exemptReason = x.reason();
            break;
          }
        }
      }
      return exemptReason.isEmpty() ? null : exemptReason;
    }

    private Set<String> annotated() {
      if (annotated == null) {
        annotated = new HashSet<>();
        String value = object.annotations().get(Exemption.ANNOTATION);
        if (value != null) {
          for (String id : value.split(",")) {
            if (!id.isBlank()) {
              annotated.add(id.strip());
            }
          }
        }
      }
      return annotated;
    }
  }

  /** Builds a {@link RulePolicy}. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final List<Exemption> exemptions = new ArrayList<>();
    private boolean annotationExemptions = true;

    private Builder() {}

    /**
     * Adds the rules of a set under its modes.
     *
     * @throws IllegalArgumentException if a rule id is already in the policy
     */
    public Builder ruleSet(RuleSet set) {
      for (Rule r : set.rules()) {
        if (!ids.add(r.id())) {
          throw new IllegalArgumentException("rule " + r.id() + " (set " + set.name()
              + ") is already in the policy");
        }
        entries.add(new Entry(r, set.modeOf(r.id())));
      }
      return this;
    }

    /** Adds one rule under a mode. */
    public Builder rule(Rule rule, EnforcementMode mode) {
      return ruleSet(RuleSet.of(rule.id(), rule).withMode(mode));
    }

    public Builder exempt(Exemption exemption) {
      exemptions.add(requireNonNull(exemption, "exemption"));
      return this;
    }

    /** Whether objects may exempt themselves by annotation; on by default. */
    public Builder annotationExemptions(boolean enabled) {
      this.annotationExemptions = enabled;
      return this;
    }

    public RulePolicy build() {
      return new RulePolicy(this);
    }
  }
}
