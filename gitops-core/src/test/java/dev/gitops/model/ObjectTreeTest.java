package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectTreeTest {
  private static final SourceLocation AT = new SourceLocation("t.yaml", 1);

  @Test
  void frozenMapsKeepOrderAndEqualTheirMutableForm() {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (int i = 20; i > 0; i--) { // past the size where lookups go through the hash index
      tree.put("k" + i, i % 3 == 0 ? null : List.of((long) i, Map.of("x", "y")));
    }
    Map<String, Object> frozen = ObjectTree.freeze(tree, AT);
    assertThat(frozen).isEqualTo(tree).hasSameHashCodeAs(tree);
    assertThat(frozen.toString()).isEqualTo(tree.toString());
    assertThat(new ArrayList<>(frozen.keySet())).isEqualTo(new ArrayList<>(tree.keySet()));
    assertThat(frozen.containsKey("k3")).isTrue();
    assertThat(frozen.get("k3")).isNull();
    assertThat(frozen.containsKey("k21")).isFalse();
    assertThat(frozen.get("k20")).isEqualTo(tree.get("k20"));
  }

  @Test
  void frozenMapViewsAndEqualityMatchTheMutableFormAtEverySize() {
    for (int size : new int[] {0, 1, 2, 8, 9, 40}) {
      Map<String, Object> tree = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        tree.put(new String("k" + i), i % 4 == 0 ? null : "v" + i); // keys equal, not identical, on lookup
      }
      Map<String, Object> frozen = ObjectTree.freeze(tree, AT);
      assertThat(frozen).isEqualTo(tree).hasSameHashCodeAs(tree).hasSize(size);
      assertThat(tree).isEqualTo(frozen);
      assertThat(new ArrayList<>(frozen.values())).isEqualTo(new ArrayList<>(tree.values()));
      assertThat(new ArrayList<>(frozen.entrySet())).isEqualTo(new ArrayList<>(tree.entrySet()));
      assertThat(frozen.keySet()).isEqualTo(tree.keySet());
      assertThat(frozen.entrySet()).isEqualTo(tree.entrySet());
      for (int i = 0; i < size; i++) {
        assertThat(frozen.containsKey("k" + i)).isTrue();
        assertThat(frozen.get("k" + i)).isEqualTo(tree.get("k" + i));
        assertThat(frozen.keySet().contains("k" + i)).isTrue();
      }
      assertThat(frozen.containsKey("k" + size)).isFalse();
      assertThat(frozen.get(1)).isNull();
      assertThat(frozen.containsValue(size > 1 ? "v1" : "none")).isEqualTo(size > 1);
      assertThat(frozen.getOrDefault("absent", "d")).isEqualTo("d");
      Map<String, Object> other = new LinkedHashMap<>(tree);
      other.put("k0", "changed");
      assertThat(frozen).isNotEqualTo(other);
    }
  }

  @Test
  void treesFrozenApartShareTheirKeys() {
    String key = "shared-" + System.nanoTime(); // in no other tree
    Map<String, Object> one = ObjectTree.freeze(Map.of(new String(key), 1), AT);
    Map<String, Object> two = ObjectTree.freeze(Map.of(new String(key), 2), AT);
    assertThat(two.keySet().iterator().next()).isSameAs(one.keySet().iterator().next());
  }

  @Test
  void frozenTreesRefuseEveryChange() {
    Map<String, Object> frozen = ObjectTree.freeze(Map.of("a", new ArrayList<>(List.of(1))), AT);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) frozen.get("a");
    assertThat(list).containsExactly(1L);
    for (Runnable change : List.<Runnable>of(() -> frozen.put("b", 1), () -> frozen.remove("absent"),
        frozen::clear, () -> frozen.putIfAbsent("a", 1), () -> frozen.entrySet().iterator().next().setValue(2),
        () -> frozen.keySet().remove("a"), () -> frozen.keySet().clear(), () -> frozen.values().clear(),
        () -> frozen.entrySet().clear(), () -> list.add(2), () -> list.remove("absent"), list::clear,
        () -> list.set(0, 2), () -> list.removeIf(x -> false))) {
      assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void aFrozenTreeIsFrozenAgainWithoutACopyUnlessItWouldNestTooDeep() {
    Map<String, Object> frozen = ObjectTree.freeze(Map.of("a", Map.of("b", List.of(1))), AT);
    assertThat(ObjectTree.freeze(frozen, AT)).isSameAs(frozen);
    assertThat(ObjectTree.freeze(Map.of("outer", frozen), AT).get("outer")).isSameAs(frozen);

    Object deep = "leaf";
    for (int i = 0; i < ObjectTree.MAX_DEPTH - 1; i++) {
      deep = List.of(deep);
    }
    Object frozenDeep = ObjectTree.freezeValue(deep, AT);
    assertThatThrownBy(() -> ObjectTree.freeze(Map.of("a", Map.of("b", frozenDeep)), AT))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("nesting deeper than");
  }

  @Test
  void frozenMapFromEntriesSharesFrozenValuesAndRefusesDuplicateKeys() {
    Map<String, Object> inner = ObjectTree.frozenMap(List.of("x"), List.of(1), AT);
    Map<String, Object> outer = ObjectTree.frozenMap(List.of("a", "b"), Arrays.asList(inner, null), AT);
    assertThat(outer).isEqualTo(Map.of("a", Map.of("x", 1L), "b", "placeholder").entrySet().stream()
        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getKey().equals("b") ? null : e.getValue()),
            Map::putAll));
    assertThat(outer.get("a")).isSameAs(inner);
    assertThat(ObjectTree.freeze(outer, AT)).isSameAs(outer);
    assertThat(ObjectTree.frozenList(List.of(inner), AT).get(0)).isSameAs(inner);
    assertThatThrownBy(() -> ObjectTree.frozenMap(List.of("a", "a"), List.of(1, 2), AT))
        .isInstanceOf(IllegalArgumentException.class);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add("k" + (i % 11));
    }
    assertThatThrownBy(() -> ObjectTree.frozenMap(many, new ArrayList<>(many), AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectTree.frozenMap(List.of("a"), List.of(new Object()), AT))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("$.a");
  }

  @Test
  void frozenMapsAreReadByPositionInTheirOrderAndOtherMapsAreRefused() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("b", 1L);
    source.put("a", null);
    source.put("c", List.of("x"));
    Map<String, Object> frozen = ObjectTree.freeze(source, SourceLocation.unknown());

    assertThat(ObjectTree.isFrozen(frozen)).isTrue();
    assertThat(List.of(ObjectTree.keyAt(frozen, 0), ObjectTree.keyAt(frozen, 1), ObjectTree.keyAt(frozen, 2)))
        .containsExactly("b", "a", "c");
    assertThat(ObjectTree.valueAt(frozen, 0)).isEqualTo(1L);
    assertThat(ObjectTree.valueAt(frozen, 1)).isNull();
    assertThat(ObjectTree.valueAt(frozen, 2)).isEqualTo(List.of("x"));
    assertThatThrownBy(() -> ObjectTree.keyAt(frozen, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(ObjectTree.isFrozen(source)).isFalse();
    assertThatThrownBy(() -> ObjectTree.valueAt(source, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a frozen map");
  }

  @Test
  void sharedKeysAreEqualToTheKeyAndTheSameInstanceFrozenTreesHold() {
    String key = new String("shared-key-" + 42);
    Map<String, Object> frozen = ObjectTree.freeze(Map.of(key, "v"), SourceLocation.unknown());

    String shared = ObjectTree.sharedKey(new String(key));
    assertThat(shared).isEqualTo(key).isSameAs(ObjectTree.keyAt(frozen, 0));
  }
}
