package dev.gitops.model;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Resolves the symbolic links of a file tree, one way for every snapshot, whether made from a
 * commit's tree or from a directory on disk (so a directory renders as its commit will). A link
 * is resolved by its target's text, against the tree, never against the disk: a link whose target
 * stays inside the repository becomes a copy of the file (or of every file of the directory) it
 * points at; a link that leaves the repository, is absolute, points at the repository root or
 * loops fails the whole snapshot; a dangling link inside the repository holds nothing.
 */
final class SymbolicLinks {
  private static final int MAX_LINK_DEPTH = 40;

  private SymbolicLinks() {}

  /**
   * The files the links stand for, by the links' paths.
   *
   * @param links link targets as written, by link path
   * @param files regular files by path
   * @throws PathEscapeException naming the first offending link, in path order
   */
  static Map<String, byte[]> resolve(Map<String, String> links, NavigableMap<String, byte[]> files) {
    Map<String, byte[]> resolved = new HashMap<>();
    for (String link : new TreeMap<>(links).keySet()) { // sorted: the same link is named every time
      resolveLink(link, link, links, files, resolved, 0);
    }
    return resolved;
  }

  private static void resolveLink(
      String origin,
      String link,
      Map<String, String> links,
      NavigableMap<String, byte[]> files,
      Map<String, byte[]> out,
      int depth) {
    if (depth > MAX_LINK_DEPTH) {
      throw new PathEscapeException(origin, "symbolic link '" + origin + "' loops or nests too deep");
    }
    String raw = links.get(link);
    String parent = link.contains("/") ? link.substring(0, link.lastIndexOf('/')) : "";
    String target;
    try {
      if (raw.startsWith("/")) {
        throw new PathEscapeException(raw, "absolute target");
      }
      target = Snapshot.normalize(parent.isEmpty() ? raw : parent + "/" + raw);
    } catch (PathEscapeException e) {
      throw new PathEscapeException(
          origin, "symbolic link '" + origin + "' points to '" + raw + "', outside the repository");
    }
    if (files.containsKey(target)) {
      out.put(origin, files.get(target));
      return;
    }
    if (links.containsKey(target)) {
      resolveLinkVia(origin, target, links, files, out, depth + 1);
      return;
    }
    if (target.isEmpty()) {
      throw new PathEscapeException(
          origin, "symbolic link '" + origin + "' points at the repository root");
    }
    String prefix = target + "/";
    for (Map.Entry<String, byte[]> e :
        files.subMap(prefix, true, prefix + Character.MAX_VALUE, false).entrySet()) {
      out.put(origin + "/" + e.getKey().substring(prefix.length()), e.getValue());
    }
    // A dangling link inside the repository holds nothing; it is left out, like an empty directory.
  }

  private static void resolveLinkVia(
      String origin,
      String link,
      Map<String, String> links,
      NavigableMap<String, byte[]> files,
      Map<String, byte[]> out,
      int depth) {
    Map<String, byte[]> tmp = new HashMap<>();
    resolveLink(link, link, links, files, tmp, depth);
    tmp.forEach((k, v) -> out.put(origin + k.substring(link.length()), v));
  }
}
