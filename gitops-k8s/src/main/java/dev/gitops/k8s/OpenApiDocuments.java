package dev.gitops.k8s;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI v3 documents of one API server, fetched on first use and kept while their
 * server-relative URL (which ends in a content hash) stays the same: one entry per group-version.
 */
final class OpenApiDocuments implements OpenApiSchema.Documents {
  /** The index of per group-version documents. */
  static final String INDEX = "/openapi/v3";

  private record Entry(String url, OpenApiSchema.Document document) {}

  private final Function<String, String> fetch;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();

  /** @param fetch the body of a GET of a server-relative URL */
  OpenApiDocuments(Function<String, String> fetch) {
    this.fetch = fetch;
  }

  /** The current index: {@code api/v1}, {@code apis/apps/v1}, ... to server-relative URLs. */
  Map<String, String> index() {
    return OpenApiSchema.index(json.readTree(fetch.apply(INDEX)));
  }

  @Override
  public OpenApiSchema.Document get(String url) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    Entry cached = byPath.get(path);
    if (cached != null && cached.url().equals(url)) {
      return cached.document();
    }
    OpenApiSchema.Document document = new OpenApiSchema.Document(json.readTree(fetch.apply(url)));
    byPath.put(path, new Entry(url, document));
    return document;
  }
}
