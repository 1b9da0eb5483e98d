/**
 * The {@code gitops} command line: {@code render}, {@code verify}, {@code diff} and {@code plan}
 * over a local directory or a Git repository, built with picocli on the SDK's stages. See
 * docs/cli.md for the commands, their output schemas and exit codes.
 */
package dev.gitops.cli;
