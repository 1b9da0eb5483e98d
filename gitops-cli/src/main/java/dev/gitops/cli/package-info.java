/**
 * The {@code gitops} command line: {@code render}, {@code verify}, {@code diff} and {@code plan}
 * over a local directory or a Git repository, and {@code sync}, {@code history}, {@code rollback}
 * and {@code resume} of an application in a real cluster, built with picocli on the SDK's stages. See
 * docs/cli.md for the commands, their output schemas and exit codes.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.cli;

import org.jspecify.annotations.NullMarked;
