package dev.gitops.apply;

import java.util.List;
import java.util.Optional;

/**
 * Where applications' inventories are kept; {@link ClusterInventoryStore} keeps them in the
 * destination cluster so that they survive restarts and other processes can read them.
 * Implementations are thread-safe.
 */
public interface InventoryStore {
  /** The application's inventory; empty before its first sync. */
  Optional<Inventory> read(String application);

  /** Replaces the application's inventory. */
  void write(Inventory inventory);

  /** Every application's inventory, to tell which application owns an object. */
  List<Inventory> all();
}
