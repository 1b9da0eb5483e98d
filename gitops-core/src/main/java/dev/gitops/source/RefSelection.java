package dev.gitops.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Picks the ref a {@link GitRef} names among a repository's refs; package-private, shared by every
 * source so that precedence is applied in one place.
 *
 * @param refName the full ref name chosen ({@code refs/heads/main}), or the commit id for commit refs
 * @param id the object the ref points at (a tag object for annotated tags until peeled)
 */
record RefSelection(String refName, ObjectId id) {

  static final String HEADS = "refs/heads/";
  static final String TAGS = "refs/tags/";

  /**
   * Selects a branch, tag or semver tag from refs by full name. Commit refs are not selected here:
   * they need the object database.
   */
  static RefSelection select(String repository, GitRef ref, Map<String, ObjectId> refs) {
    switch (ref.kind()) {
      case TAG -> {
        String name = TAGS + ref.tag();
        ObjectId id = refs.get(name);
        if (id == null) {
          throw new RefNotFoundException(repository, ref, "no tag '" + ref.tag() + "'");
        }
        return new RefSelection(name, id);
      }
      case SEMVER -> {
        List<String> tags = new ArrayList<>();
        for (String name : refs.keySet()) {
          if (name.startsWith(TAGS)) {
            tags.add(name.substring(TAGS.length()));
          }
        }
        Optional<String> best = VersionRange.parse(ref.semver()).highest(tags);
        if (best.isEmpty()) {
          throw new RefNotFoundException(
              repository, ref, "no tag is a version in range '" + ref.semver() + "'");
        }
        String name = TAGS + best.get();
        return new RefSelection(name, refs.get(name));
      }
      case BRANCH -> {
        String name = HEADS + ref.branch();
        ObjectId id = refs.get(name);
        if (id == null) {
          throw new RefNotFoundException(repository, ref, "no branch '" + ref.branch() + "'");
        }
        return new RefSelection(name, id);
      }
      default -> throw new IllegalArgumentException("commit refs are resolved in the object database");
    }
  }
}
