package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.GitOpsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Per-cluster values substituted into manifests, the way Flux's post-build substitution does: {@code ${NAME}}, {@code ${NAME:=default}} (also {@code :-}; the default applies when the
 * variable is unset or empty), {@code ${NAME=default}} (also {@code -}; only when unset), and
 * {@code $${NAME}} for a literal {@code ${NAME}}.
 *
 * <p>Substitution works on each document's YAML text before it is parsed, so
 * {@code replicas: ${REPLICAS}} becomes the number 3 while {@code value: "${PORT}"} stays a
 * string. Documents annotated
 * {@value #DISABLE_ANNOTATION}{@code : disabled} are left alone. In strict mode a variable with
 * no value and no default fails the render, naming it; otherwise it becomes empty.
 */
public final class VariableSubstitution {
  /** Annotation that turns substitution off for one object when set to {@code disabled}. */
  public static final String DISABLE_ANNOTATION = "kustomize.toolkit.fluxcd.io/substitute";

  private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");

  private final Map<String, String> variables;
  private final boolean strict;

  private VariableSubstitution(Builder b) {
    this.variables = Map.copyOf(b.variables);
    this.strict = b.strict;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The variables, for reports. */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * Substitutes into one YAML document's text, unless the parsed document carries the disabling
   * annotation. {@code where} names the document in errors.
   */
  String substitute(Object parsedDocument, String text, dev.gitops.model.SourceLocation where) {
    if (!text.contains("${") || isDisabled(parsedDocument)) {
      return text;
    }
    return substitute(text, where.toString());
  }

  private static boolean isDisabled(Object doc) {
    return doc instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> meta
        && meta.get("annotations") instanceof Map<?, ?> a
        && "disabled".equals(a.get(DISABLE_ANNOTATION));
  }

  String substitute(String text, String where) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        int end = text.indexOf('}', i + 3);
        if (end > 0) {
          out.append(text, i + 1, end + 1); // escaped: drop one '$', keep the reference literally
          i = end + 1;
          continue;
        }
      }
      if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end > 0) {
          String replaced = resolve(text.substring(i + 2, end), where);
          if (replaced != null) {
            out.append(replaced);
            i = end + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** The value of one reference's body ({@code NAME:=default}); null if it is not a reference. */
  private String resolve(String body, String where) {
    int op = 0;
    while (op < body.length() && (Character.isLetterOrDigit(body.charAt(op)) || body.charAt(op) == '_')) {
      op++;
    }
    String name = body.substring(0, op);
    if (!NAME.matcher(name).matches()) {
      return null;
    }
    String rest = body.substring(op);
    String value = variables.get(name);
    if (rest.isEmpty()) {
      return value != null ? value : missing(name, where);
    }
    if (rest.startsWith(":=") || rest.startsWith(":-")) {
      return value == null || value.isEmpty() ? rest.substring(2) : value;
    }
    if (rest.startsWith("=") || rest.startsWith("-")) {
      return value == null ? rest.substring(1) : value;
    }
    return null; // another shell form: left as written
  }

  private String missing(String name, String where) {
    if (strict) {
      throw new UndefinedVariableException(name, where);
    }
    return "";
  }

  /** A variable has no value and no default, in strict mode. */
  public static final class UndefinedVariableException extends GitOpsException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    UndefinedVariableException(String variable, String where) {
      super(where + ": variable '" + variable + "' is not defined");
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }

  /** Collects variables. */
  public static final class Builder {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private boolean strict;

    private Builder() {}

    public Builder variable(String name, String value) {
      requireNonNull(value, "value");
      if (!NAME.matcher(requireNonNull(name, "name")).matches()) {
        throw new IllegalArgumentException("invalid variable name '" + name
            + "': letters, digits and '_', not starting with a digit");
      }
      variables.put(name, value);
      return this;
    }

    public Builder variables(Map<String, String> values) {
      values.forEach(this::variable);
      return this;
    }

    /**
     * Adds the variables of a ConfigMap or Secret given as YAML: {@code data} (base64-decoded
     * for Secrets) and {@code stringData}.
     */
    public Builder variablesFrom(String path, byte[] yaml) {
      for (YamlDocuments.Document doc : YamlDocuments.parse(path, yaml)) {
        if (!(doc.value() instanceof Map<?, ?> m)) {
          continue;
        }
        boolean secret = "Secret".equals(m.get("kind"));
        if (m.get("data") instanceof Map<?, ?> data) {
          data.forEach((k, v) -> variable(String.valueOf(k), secret
              ? new String(Base64.getMimeDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)
              : String.valueOf(v)));
        }
        if (m.get("stringData") instanceof Map<?, ?> data) {
          data.forEach((k, v) -> variable(String.valueOf(k), String.valueOf(v)));
        }
      }
      return this;
    }

    /** Fail on a variable with no value and no default instead of substituting an empty string. */
    public Builder strict() {
      this.strict = true;
      return this;
    }

    public VariableSubstitution build() {
      return new VariableSubstitution(this);
    }
  }
}
