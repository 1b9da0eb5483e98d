package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes' name, label and qualified-name rules with the API server's messages. Each check
 * returns its problems, empty when the value is valid. Package-private.
 */
final class Names {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
  private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final Pattern DNS1035 = Pattern.compile(DNS1035_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);

  /** Which rule an object name follows. */
  enum Rule {
    /** DNS-1123 subdomain: most kinds. */
    SUBDOMAIN,
    /** DNS-1123 label: namespaces. */
    LABEL,
    /** DNS-1035 label: services. */
    DNS1035,
    /** Path segment: RBAC kinds ({@code system:controller:x} is valid). */
    PATH;

    static Rule parse(String s) {
      return s == null ? SUBDOMAIN : switch (s) {
        case "subdomain" -> SUBDOMAIN;
        case "label" -> LABEL;
        case "dns1035" -> DNS1035;
        case "path" -> PATH;
        default -> throw new IllegalArgumentException("unknown name rule " + s);
      };
    }
  }

  private Names() {}

  static List<String> name(Rule rule, String name) {
    return switch (rule) {
      case SUBDOMAIN -> subdomain(name);
      case LABEL -> label(name);
      case DNS1035 -> dns1035(name);
      case PATH -> pathSegment(name);
    };
  }

  static List<String> subdomain(String v) {
    List<String> out = new ArrayList<>();
    if (v.length() > 253) {
      out.add("must be no more than 253 characters");
    }
    if (!SUBDOMAIN.matcher(v).matches()) {
      out.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
          + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for"
          + " validation is '" + SUBDOMAIN_FMT + "')");
    }
    return out;
  }

  static List<String> label(String v) {
    List<String> out = new ArrayList<>();
    if (v.length() > 63) {
      out.add("must be no more than 63 characters");
    }
    if (!LABEL.matcher(v).matches()) {
      out.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must"
          + " start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
          + " validation is '" + LABEL_FMT + "')");
    }
    return out;
  }

  static List<String> dns1035(String v) {
    List<String> out = new ArrayList<>();
    if (v.length() > 63) {
      out.add("must be no more than 63 characters");
    }
    if (!DNS1035.matcher(v).matches()) {
      out.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123',"
          + " regex used for validation is '" + DNS1035_FMT + "')");
    }
    return out;
  }

  static List<String> pathSegment(String v) {
    List<String> out = new ArrayList<>();
    if (v.equals(".") || v.equals("..")) {
      out.add("may not be '" + v + "'");
    }
    for (String bad : List.of("/", "%")) {
      if (v.contains(bad)) {
        out.add("may not contain '" + bad + "'");
      }
    }
    return out;
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name. */
  static List<String> qualifiedName(String v) {
    List<String> out = new ArrayList<>();
    String[] parts = v.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        out.add("prefix part must be non-empty");
      } else {
        subdomain(prefix).forEach(m -> out.add("prefix part " + m));
      }
    } else {
      out.add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and"
          + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '" + QUALIFIED_NAME_FMT + "') with an optional DNS subdomain prefix and '/'"
          + " (e.g. 'example.com/MyName')");
      return out;
    }
    if (name.isEmpty()) {
      out.add("name part must be non-empty");
    } else {
      if (name.length() > 63) {
        out.add("name part must be no more than 63 characters");
      }
      if (!QUALIFIED_NAME.matcher(name).matches()) {
        out.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with"
            + " an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '" + QUALIFIED_NAME_FMT + "')");
      }
    }
    return out;
  }

  static List<String> labelValue(String v) {
    List<String> out = new ArrayList<>();
    if (v.length() > 63) {
      out.add("must be no more than 63 characters");
    }
    if (!v.isEmpty() && !QUALIFIED_NAME.matcher(v).matches()) {
      out.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
          + " and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
          + " '12345', regex used for validation is '(" + QUALIFIED_NAME_FMT + ")?')");
    }
    return out;
  }

  /** {@code Widget -> widget}, the default singular of a custom resource. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
