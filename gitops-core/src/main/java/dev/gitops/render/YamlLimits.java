package dev.gitops.render;

/**
 * Limits on the YAML and JSON that renderers parse, against hostile or broken input in a
 * repository. Exceeding one fails the render with {@link ManifestLimitException}.
 *
 * <p>Parse time grows with the length of single scalars faster than linearly in snakeyaml-engine
 * (one 1 MiB string takes about 1.5 s, 4 MiB about 15 s, while 4 MiB of ordinary manifest lines
 * take about one second): where repositories are not trusted, a lower
 * {@code maxDocumentBytes} also bounds that.
 *
 * @param maxDocumentBytes the largest document, in UTF-8 bytes (a JSON file counts as one); the
 *     YAML parser's own code-point limit is raised to match, so documents up to this size parse
 * @param maxAliases the most aliases ({@code *name}) to collections in one document; aliases
 *     to scalars are not counted (they cannot multiply)
 * @param maxAliasNodes the most nodes that aliases may copy in one document, so that a "billion
 *     laughs" document (aliases of aliases) is refused before it is expanded; aliases may also
 *     add at most {@code maxDocumentBytes} of text to a document, so aliases to one large scalar
 *     cannot multiply it either
 * @param maxFileBytes the largest file, checked before it is decoded, so that a huge file costs
 *     no memory beyond its bytes
 */
public record YamlLimits(int maxDocumentBytes, int maxAliases, int maxAliasNodes, long maxFileBytes) {
  /**
   * 8 MiB documents, 50 aliases (snakeyaml's default), 100,000 nodes copied by aliases, 64 MiB
   * files.
   */
  public static final YamlLimits DEFAULTS = new YamlLimits(8 * 1024 * 1024, 50, 100_000, 64L * 1024 * 1024);

  public YamlLimits {
    if (maxDocumentBytes <= 0 || maxAliases < 0 || maxAliasNodes < 0 || maxFileBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxDocumentBytes + ", "
          + maxAliases + ", " + maxAliasNodes + ", " + maxFileBytes);
    }
  }

  /** Limits with the default file limit (64 MiB, or the document limit if that is larger). */
  public YamlLimits(int maxDocumentBytes, int maxAliases, int maxAliasNodes) {
    this(maxDocumentBytes, maxAliases, maxAliasNodes, Math.max(64L * 1024 * 1024, maxDocumentBytes));
  }

  public YamlLimits withMaxDocumentBytes(int bytes) {
    return new YamlLimits(bytes, maxAliases, maxAliasNodes, Math.max(maxFileBytes, bytes));
  }

  public YamlLimits withMaxAliases(int aliases) {
    return new YamlLimits(maxDocumentBytes, aliases, maxAliasNodes, maxFileBytes);
  }

  public YamlLimits withMaxAliasNodes(int nodes) {
    return new YamlLimits(maxDocumentBytes, maxAliases, nodes, maxFileBytes);
  }

  public YamlLimits withMaxFileBytes(long bytes) {
    return new YamlLimits(maxDocumentBytes, maxAliases, maxAliasNodes, bytes);
  }
}
