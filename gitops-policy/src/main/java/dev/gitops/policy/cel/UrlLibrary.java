package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The Kubernetes CEL url functions: {@code url(s)}, {@code isURL(s)}, and on a URL
 * {@code getScheme()}, {@code getHost()}, {@code getHostname()}, {@code getPort()},
 * {@code getEscapedPath()}, {@code getQuery()}.
 */
final class UrlLibrary {
  static final OpaqueType URL = OpaqueType.create("kubernetes.URL");

  private UrlLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("url",
        List.of(
            newFunctionDeclaration("url", newGlobalOverload("url_string", URL, SimpleType.STRING)),
            newFunctionDeclaration("isURL",
                newGlobalOverload("isURL_string", SimpleType.BOOL, SimpleType.STRING)),
            getter("getScheme"),
            getter("getHost"),
            getter("getHostname"),
            getter("getPort"),
            getter("getEscapedPath"),
            newFunctionDeclaration("getQuery", newMemberOverload("url_getQuery",
                MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)), URL))),
        List.of(
            CelFunctionBinding.from("url_string", String.class, UrlLibrary::url),
            CelFunctionBinding.from("isURL_string", String.class, Urls::isUrl),
            binding("getScheme", Urls::scheme),
            binding("getHost", Urls::host),
            binding("getHostname", Urls::hostname),
            binding("getPort", Urls::port),
            binding("getEscapedPath", Urls::escapedPath),
            CelFunctionBinding.from("url_getQuery", URI.class, Urls::query)));
  }

  private static dev.cel.common.CelFunctionDecl getter(String name) {
    return newFunctionDeclaration(name,
        newMemberOverload("url_" + name, SimpleType.STRING, URL));
  }

  private static CelFunctionBinding binding(String name, Function<URI, String> f) {
    return CelFunctionBinding.from("url_" + name, URI.class, f::apply);
  }

  private static URI url(String s) throws CelEvaluationException {
    try {
      return Urls.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage());
    }
  }
}
