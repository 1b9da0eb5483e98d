package dev.gitops.source;

import dev.gitops.model.Revision;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/** Applies a {@link SignerPolicy} to a verified commit; package-private. */
final class SignerCheck {
  private SignerCheck() {}

  /**
   * @param base the last accepted commit, or null; a base missing from the repository counts as
   *     none (every file of the commit is then a change)
   * @throws UnauthorizedSignerException for the first path whose rule does not trust the signer
   */
  static void check(String repository, Repository repo, RevCommit commit, @Nullable String base,
      SignerPolicy policy, Revision revision) throws IOException {
    Map<TrustedKeys, List<String>> byKeys = new IdentityHashMap<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
      RevCommit tip = walk.parseCommit(commit);
      RevCommit from = null;
      if (base != null) {
        ObjectId id = ObjectId.fromString(base);
        if (repo.getObjectDatabase().has(id)) {
          from = walk.parseCommit(id);
        }
      }
      if (from == null) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(from.getTree());
      }
      tw.addTree(tip.getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        String path = tw.getPathString();
        byKeys.computeIfAbsent(policy.keysFor(path), k -> new ArrayList<>()).add(path);
      }
    }
    byte[] raw = commit.getRawBuffer();
    for (Map.Entry<TrustedKeys, List<String>> e : byKeys.entrySet()) {
      if (e.getKey() == policy.allKeys()) {
        continue; // already verified against every key of the policy
      }
      if (!e.getKey().verify(raw).isVerified()) {
        List<String> paths = e.getValue();
        String path = paths.get(0);
        SignerPolicy.Rule rule = policy.ruleFor(path);
        throw new UnauthorizedSignerException(repository, revision, path,
            rule == null ? "otherwise" : rule.pattern(), paths.size() - 1);
      }
    }
  }
}
