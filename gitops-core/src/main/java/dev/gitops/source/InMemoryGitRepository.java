package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A Git repository held in memory, for embedding and for tests: commit files to branches, tag
 * them, move and delete refs, then read it through {@link #source()}.
 *
 * <pre>{@code
 * InMemoryGitRepository git = InMemoryGitRepository.create("demo");
 * String id = git.commit().branch("main").add("app/cm.yaml", yaml).message("add app").call();
 * Snapshot snapshot = git.source().fetch(GitRef.branch("main"), "app");
 * }</pre>
 */
public final class InMemoryGitRepository {
  private final InMemoryRepository repo;
  private final String name;

  private InMemoryGitRepository(String name) {
    this.name = name;
    this.repo = new InMemoryRepository(new DfsRepositoryDescription(name));
  }

  public static InMemoryGitRepository create(String name) {
    return new InMemoryGitRepository(requireNonNull(name, "name"));
  }

  /** The underlying JGit repository, for serving it or reading it directly. */
  public Repository repository() {
    return repo;
  }

  /** A source reading this repository, without signature checks. */
  public RepositorySource source() {
    return RepositorySource.builder(repo).name("memory:" + name).build();
  }

  /** Starts a commit on a branch; the new tree is the branch's current tree with the changes. */
  public CommitCommand commit() {
    return new CommitCommand();
  }

  /** Points a lightweight tag at a commit, moving it if it exists. */
  public void tag(String tag, String commitId) {
    setRef(Constants.R_TAGS + tag, ObjectId.fromString(commitId));
  }

  /** Creates or moves an annotated tag; returns the tag object's id. */
  public String annotatedTag(String tag, String commitId, String message) {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      TagBuilder tb = new TagBuilder();
      tb.setTag(tag);
      tb.setObjectId(ObjectId.fromString(commitId), Constants.OBJ_COMMIT);
      tb.setTagger(new PersonIdent("GitOps SDK", "gitops@example.invalid"));
      tb.setMessage(message);
      ObjectId id = ins.insert(tb);
      ins.flush();
      setRef(Constants.R_TAGS + tag, id);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points a branch at a commit, whether or not it descends from the old tip (a force-push). */
  public void resetBranch(String branch, String commitId) {
    setRef(Constants.R_HEADS + branch, ObjectId.fromString(commitId));
  }

  /** Deletes a branch or tag given by full name ({@code refs/tags/v1}). */
  public void deleteRef(String refName) {
    try {
      RefUpdate u = repo.updateRef(refName);
      u.setForceUpdate(true);
      RefUpdate.Result r = u.delete();
      if (r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
        throw new IllegalStateException("cannot delete " + refName + ": " + r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void setRef(String refName, ObjectId id) {
    try {
      RefUpdate u = repo.updateRef(refName);
      u.setNewObjectId(id);
      u.setForceUpdate(true);
      RefUpdate.Result r = u.update();
      switch (r) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
        default -> throw new IllegalStateException("cannot update " + refName + ": " + r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds one commit; JGit-porcelain style. */
  public final class CommitCommand {
    private String branch = "main";
    private String message = "commit";
    private PersonIdent author = new PersonIdent("GitOps SDK", "gitops@example.invalid");
    private Instant time;
    private boolean orphan;
    private Function<byte[], String> signer;
    private final Map<String, Object> changes = new LinkedHashMap<>(); // byte[] file, Link, or null
    private record Link(String target) {}

    private CommitCommand() {}

    public CommitCommand branch(String branch) {
      this.branch = requireNonNull(branch, "branch");
      return this;
    }

    public CommitCommand message(String message) {
      this.message = requireNonNull(message, "message");
      return this;
    }

    public CommitCommand author(String name, String email) {
      this.author = new PersonIdent(name, email);
      return this;
    }

    /** Commit time; defaults to now. */
    public CommitCommand time(Instant time) {
      this.time = requireNonNull(time, "time");
      return this;
    }

    /** Starts from an empty tree with no parent, as a force-push of unrelated history would. */
    public CommitCommand orphan() {
      this.orphan = true;
      return this;
    }

    public CommitCommand add(String path, String content) {
      return add(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public CommitCommand add(String path, byte[] content) {
      changes.put(path, content.clone());
      return this;
    }

    /** Adds a symbolic link at {@code path} whose target text is {@code target}. */
    public CommitCommand symlink(String path, String target) {
      changes.put(path, new Link(target));
      return this;
    }

    public CommitCommand remove(String path) {
      changes.put(path, null);
      return this;
    }

    /**
     * Signs the commit: the function gets the commit payload and returns the ASCII-armored
     * signature (OpenPGP or SSH) to store in its {@code gpgsig} header.
     */
    public CommitCommand signer(Function<byte[], String> signer) {
      this.signer = requireNonNull(signer, "signer");
      return this;
    }

    /** Writes the commit, moves the branch, and returns the new commit id. */
    public String call() {
      try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
        Ref head = repo.exactRef(Constants.R_HEADS + branch);
        RevCommit parent = head == null || orphan ? null : walk.parseCommit(head.getObjectId());
        TreeMap<String, Entry> tree = new TreeMap<>();
        if (parent != null) {
          try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(parent.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
              tree.put(tw.getPathString(), new Entry(tw.getFileMode(0), tw.getObjectId(0)));
            }
          }
        }
        for (Map.Entry<String, Object> c : changes.entrySet()) {
          String path = c.getKey();
          if (c.getValue() == null) {
            tree.remove(path);
          } else if (c.getValue() instanceof Link link) {
            tree.put(path, new Entry(FileMode.SYMLINK,
                ins.insert(Constants.OBJ_BLOB, link.target().getBytes(StandardCharsets.UTF_8))));
          } else {
            tree.put(path, new Entry(FileMode.REGULAR_FILE,
                ins.insert(Constants.OBJ_BLOB, (byte[]) c.getValue())));
          }
        }
        ObjectId treeId = writeTree(ins, tree, "");
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(treeId);
        if (parent != null) {
          cb.setParentId(parent);
        }
        PersonIdent who = time == null ? author
            : new PersonIdent(author.getName(), author.getEmailAddress(), time, ZoneOffset.UTC);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message);
        if (signer != null) {
          String armored = signer.apply(cb.build());
          cb.setGpgSignature(new GpgSignature(armored.getBytes(StandardCharsets.US_ASCII)));
        }
        ObjectId id = ins.insert(cb);
        ins.flush();
        setRef(Constants.R_HEADS + branch, id);
        return id.name();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private ObjectId writeTree(ObjectInserter ins, TreeMap<String, Entry> entries, String prefix)
        throws IOException {
      // Children of one directory. Directory keys end in '/', which makes plain string order
      // the order Git requires of tree entries.
      TreeMap<String, Object> children = new TreeMap<>();
      Map<String, TreeMap<String, Entry>> dirs = new TreeMap<>();
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        String rest = e.getKey();
        int slash = rest.indexOf('/');
        if (slash < 0) {
          children.put(rest, e.getValue());
        } else {
          dirs.computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<>())
              .put(rest.substring(slash + 1), e.getValue());
        }
      }
      for (Map.Entry<String, TreeMap<String, Entry>> d : dirs.entrySet()) {
        children.put(d.getKey() + "/", writeTree(ins, d.getValue(), prefix + d.getKey() + "/"));
      }
      TreeFormatter fmt = new TreeFormatter();
      for (Map.Entry<String, Object> c : children.entrySet()) {
        if (c.getValue() instanceof Entry e) {
          fmt.append(c.getKey(), e.mode(), e.id());
        } else {
          String dir = c.getKey().substring(0, c.getKey().length() - 1);
          fmt.append(dir, FileMode.TREE, (ObjectId) c.getValue());
        }
      }
      return ins.insert(fmt);
    }
  }

  private record Entry(FileMode mode, ObjectId id) {}
}
