package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector in its string form, parsed as strictly as the API server parses it:
 * requirements separated by commas, each {@code key=value}, {@code key==value},
 * {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key}, {@code !key},
 * {@code key>n} or {@code key<n}. Keys must be qualified names and values valid label values. The
 * empty selector matches everything. Package-private.
 */
final class LabelSelector {
  private static final String SPECIAL = "!=<>(),";
  private final String text;
  private final List<Requirement> requirements;

  /** Operators of a requirement. */
  enum Operator {
    EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN
  }

  /**
   * One requirement.
   *
   * @param values the values; one for equality and comparisons, none for existence
   */
  record Requirement(String key, Operator operator, List<String> values) {
    Requirement {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      boolean has = labels.containsKey(key);
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> has && values.contains(v);
        case NOT_EQUALS, NOT_IN -> !has || !values.contains(v);
        case EXISTS -> has;
        case DOES_NOT_EXIST -> !has;
        case GREATER_THAN, LESS_THAN -> has && compares(v);
      };
    }

    private boolean compares(String v) {
      try {
        long actual = Long.parseLong(v);
        long bound = Long.parseLong(values.get(0));
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private LabelSelector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = List.copyOf(requirements);
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException naming the selector and the problem if it is malformed
   */
  static LabelSelector parse(String selector) {
    requireNonNull(selector, "selector");
    return new Parser(selector).parse();
  }

  List<Requirement> requirements() {
    return requirements;
  }

  boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The labels of a live object as strings. */
  static Map<String, String> labelsOf(LiveObject object) {
    Map<String, String> out = new HashMap<>();
    Trees.mapAt(object.object(), "metadata", "labels").forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  @Override
  public String toString() {
    return text;
  }

  private record Token(Kind kind, String text, int position) {}

  private enum Kind {
    IDENTIFIER, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER, LESS, OPEN, CLOSE, COMMA, END
  }

  private static final class Parser {
    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int next;

    Parser(String input) {
      this.input = input;
    }

    LabelSelector parse() {
      lex();
      List<Requirement> out = new ArrayList<>();
      if (peek().kind() == Kind.END) {
        return new LabelSelector(input, out);
      }
      while (true) {
        out.add(requirement());
        Token t = take();
        if (t.kind() == Kind.END) {
          return new LabelSelector(input, out);
        }
        if (t.kind() != Kind.COMMA) {
          throw error(t, "',' or end of selector");
        }
        if (peek().kind() == Kind.END) {
          throw error(peek(), "a requirement after ','");
        }
      }
    }

    private Requirement requirement() {
      Token t = take();
      if (t.kind() == Kind.NOT) {
        return new Requirement(key(take()), Operator.DOES_NOT_EXIST, List.of());
      }
      String key = key(t);
      Token op = peek();
      if (op.kind() == Kind.END || op.kind() == Kind.COMMA) {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      take();
      return switch (op.kind()) {
        case EQUALS, DOUBLE_EQUALS -> new Requirement(key, Operator.EQUALS, List.of(exactValue()));
        case NOT_EQUALS -> new Requirement(key, Operator.NOT_EQUALS, List.of(exactValue()));
        case IN -> new Requirement(key, Operator.IN, valueSet(op));
        case NOT_IN -> new Requirement(key, Operator.NOT_IN, valueSet(op));
        case GREATER -> new Requirement(key, Operator.GREATER_THAN, List.of(integer()));
        case LESS -> new Requirement(key, Operator.LESS_THAN, List.of(integer()));
        default -> throw error(op, "an operator (=, ==, !=, in, notin, >, <), ',' or end of selector");
      };
    }

    private String key(Token t) {
      if (t.kind() != Kind.IDENTIFIER) {
        throw error(t, "a label key");
      }
      List<String> problems = Names.qualifiedName(t.text());
      if (!problems.isEmpty()) {
        throw invalid("invalid label key \"" + t.text() + "\": " + String.join("; ", problems));
      }
      return t.text();
    }

    /** A value after =, == or !=; nothing before ',' or the end means the empty value. */
    private String exactValue() {
      Token t = peek();
      if (t.kind() == Kind.END || t.kind() == Kind.COMMA) {
        return "";
      }
      if (t.kind() != Kind.IDENTIFIER) {
        throw error(t, "a label value");
      }
      take();
      return value(t.text());
    }

    private List<String> valueSet(Token op) {
      Token open = take();
      if (open.kind() != Kind.OPEN) {
        throw error(open, "'(' after '" + op.text() + "'");
      }
      List<String> values = new ArrayList<>();
      if (peek().kind() == Kind.CLOSE) {
        throw invalid("for 'in', 'notin' operators, values set can't be empty (at position " + open.position() + ")");
      }
      while (true) {
        Token t = peek();
        if (t.kind() == Kind.IDENTIFIER) {
          take();
          values.add(value(t.text()));
        } else if (t.kind() == Kind.COMMA || t.kind() == Kind.CLOSE) {
          values.add(""); // "(a,)" holds the empty value, as in Kubernetes
        } else {
          throw error(t, "a label value, ',' or ')'");
        }
        Token sep = take();
        if (sep.kind() == Kind.CLOSE) {
          return values;
        }
        if (sep.kind() != Kind.COMMA) {
          throw error(sep, "',' or ')'");
        }
      }
    }

    private String integer() {
      Token t = take();
      if (t.kind() != Kind.IDENTIFIER) {
        throw error(t, "an integer");
      }
      try {
        Long.parseLong(t.text());
      } catch (NumberFormatException e) {
        throw invalid("for '>', '<' operators, the value must be an integer, not \"" + t.text() + "\"");
      }
      return t.text();
    }

    private String value(String v) {
      List<String> problems = Names.labelValue(v);
      if (!problems.isEmpty()) {
        throw invalid("invalid label value \"" + v + "\": " + String.join("; ", problems));
      }
      return v;
    }

    private Token peek() {
      return tokens.get(next);
    }

    private Token take() {
      Token t = tokens.get(next);
      if (t.kind() != Kind.END) {
        next++;
      }
      return t;
    }

    private void lex() {
      int i = 0;
      int n = input.length();
      while (i < n) {
        char c = input.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        int start = i;
        if (SPECIAL.indexOf(c) >= 0) {
          String two = i + 1 < n ? input.substring(i, i + 2) : "";
          if (two.equals("==") || two.equals("!=")) {
            tokens.add(new Token(two.equals("==") ? Kind.DOUBLE_EQUALS : Kind.NOT_EQUALS, two, start));
            i += 2;
            continue;
          }
          Kind k = switch (c) {
            case '!' -> Kind.NOT;
            case '=' -> Kind.EQUALS;
            case '<' -> Kind.LESS;
            case '>' -> Kind.GREATER;
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            default -> Kind.COMMA;
          };
          tokens.add(new Token(k, String.valueOf(c), start));
          i++;
          continue;
        }
        while (i < n && !Character.isWhitespace(input.charAt(i)) && SPECIAL.indexOf(input.charAt(i)) < 0) {
          i++;
        }
        String word = input.substring(start, i);
        Kind k = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER;
        tokens.add(new Token(k, word, start));
      }
      tokens.add(new Token(Kind.END, "", n));
    }

    private IllegalArgumentException error(Token found, String expected) {
      String what = found.kind() == Kind.END ? "end of selector" : "'" + found.text() + "'";
      return invalid("found " + what + " at position " + found.position() + ", expected " + expected);
    }

    private IllegalArgumentException invalid(String detail) {
      return new IllegalArgumentException("invalid label selector \"" + input + "\": " + detail);
    }
  }
}
