package dev.gitops.model;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The lists of frozen trees ({@link ObjectTree#freeze}): unmodifiable, over an array of their own.
 * Being ours and immutable, they are frozen again without a copy. Every mutator throws {@link
 * UnsupportedOperationException}, whether or not it would change anything, as {@code
 * Collections.unmodifiableList} does.
 */
final class FrozenList extends AbstractList<@Nullable Object> implements RandomAccess {
  private final @Nullable Object[] items;
  /** The deepest nesting of maps and lists in this list, itself counted. */
  final int height;

  /** @param items the list's own array, not kept by anyone else */
  FrozenList(@Nullable Object[] items, int height) {
    this.items = items;
    this.height = height;
  }

  @Override
  public @Nullable Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public void forEach(Consumer<? super @Nullable Object> action) {
    for (Object item : items) {
      action.accept(item);
    }
  }

  private static UnsupportedOperationException unmodifiable() {
    return new UnsupportedOperationException();
  }

  @Override
  public boolean add(@Nullable Object o) {
    throw unmodifiable();
  }

  @Override
  public boolean remove(@Nullable Object o) {
    throw unmodifiable();
  }

  @Override
  public boolean addAll(Collection<? extends @Nullable Object> c) {
    throw unmodifiable();
  }

  @Override
  public boolean addAll(int index, Collection<? extends @Nullable Object> c) {
    throw unmodifiable();
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    throw unmodifiable();
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    throw unmodifiable();
  }

  @Override
  public boolean removeIf(Predicate<? super @Nullable Object> filter) {
    throw unmodifiable();
  }

  @Override
  public void replaceAll(UnaryOperator<@Nullable Object> operator) {
    throw unmodifiable();
  }

  @Override
  public void sort(@Nullable Comparator<? super @Nullable Object> c) {
    throw unmodifiable();
  }

  @Override
  public void clear() {
    throw unmodifiable();
  }
}
