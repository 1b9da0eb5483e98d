package dev.gitops.diff;

import dev.gitops.model.JacksonVersions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Renders two object trees as YAML and diffs the lines (LCS, three lines of context). */
final class UnifiedYamlDiff {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .build();
  private static final int CONTEXT = 3;

  private UnifiedYamlDiff() {}

  static String diff(String fromName, String toName, Map<String, Object> from, Map<String, Object> to) {
    List<String> a = lines(from);
    List<String> b = lines(to);
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // Edit script: ' ', '-', '+' with the line.
    List<char[]> kinds = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<int[]> pos = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        kinds.add(new char[] {' '});
        text.add(a.get(i));
        pos.add(new int[] {i++, j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        kinds.add(new char[] {'-'});
        text.add(a.get(i));
        pos.add(new int[] {i++, j});
      } else {
        kinds.add(new char[] {'+'});
        text.add(b.get(j));
        pos.add(new int[] {i, j++});
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
    int k = 0;
    int total = kinds.size();
    while (k < total) {
      if (kinds.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // Extend the hunk while changes are closer than two contexts apart.
      int lastChange = k;
      while (end < total) {
        if (kinds.get(end)[0] != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(total, lastChange + CONTEXT + 1);
      int fromStart = pos.get(start)[0];
      int toStart = pos.get(start)[1];
      int fromCount = 0;
      int toCount = 0;
      StringBuilder hunk = new StringBuilder();
      for (int h = start; h < end; h++) {
        char c = kinds.get(h)[0];
        fromCount += c != '+' ? 1 : 0;
        toCount += c != '-' ? 1 : 0;
        hunk.append(c).append(text.get(h)).append('\n');
      }
      out.append("@@ -").append(fromStart + (fromCount > 0 ? 1 : 0)).append(',').append(fromCount)
          .append(" +").append(toStart + (toCount > 0 ? 1 : 0)).append(',').append(toCount).append(" @@\n")
          .append(hunk);
      k = end;
    }
    return out.toString();
  }

  private static List<String> lines(Map<String, Object> tree) {
    if (tree.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(YAML.writeValueAsString(tree).split("\n"));
  }
}
