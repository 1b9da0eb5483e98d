package dev.gitops.policy.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Functions added to the CEL environment: their declarations (for the type checker) and their
 * implementations (for the runtime), as data.
 *
 * @param name library name, for messages
 * @param declarations function declarations
 * @param bindings implementations by overload id
 */
public record CelLibrary(
    String name, List<CelFunctionDecl> declarations, List<CelFunctionBinding> bindings) {

  public CelLibrary {
    declarations = List.copyOf(declarations);
    bindings = List.copyOf(bindings);
  }

  /** The Kubernetes CEL libraries implemented here: lists, regex, quantity, ip and cidr, url,
   * format. */
  public static List<CelLibrary> kubernetes() {
    List<CelLibrary> all = new ArrayList<>();
    all.add(ListsLibrary.library());
    all.add(RegexLibrary.library());
    all.add(QuantityLibrary.library());
    all.add(IpLibrary.library());
    all.add(UrlLibrary.library());
    all.add(FormatLibrary.library());
    return List.copyOf(all);
  }
}
