package io.dvraft.bls;

import io.dvraft.bls.crypto.ThresholdScheme;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every key's history in the log, so that the key state in force at any log position can be looked
 * up. Follows the log: changes are recorded as {@code AddKey}/{@code RemoveKey} entries arrive, and
 * forgotten when Raft truncates the entries that made them.
 */
final class KeyDirectory {

  private final ThresholdScheme scheme;
  private final TreeMap<KeyId, TreeMap<Long, KeyState>> history = new TreeMap<>();
  private final TreeMap<Long, KeyId> changes = new TreeMap<>();

  KeyDirectory(ThresholdScheme scheme) {
    this.scheme = scheme;
  }

  /** Records the effect of a key command at {@code index}, validating an {@code AddKey}. */
  KeyState record(long index, BlsCommand command) {
    KeyState state;
    if (command instanceof BlsCommand.AddKey add) {
      String problem = KeyValidator.problem(add, scheme);
      state =
          problem == null
              ? new KeyState.Active(add.key(), index, add)
              : new KeyState.Invalid(add.key(), index, add, problem);
    } else {
      state = new KeyState.Removed(command.key(), index);
    }
    put(state);
    return state;
  }

  private void put(KeyState state) {
    history.computeIfAbsent(state.key(), k -> new TreeMap<>()).put(state.index(), state);
    changes.put(state.index(), state.key());
  }

  /** The state in force for an entry at {@code position}: the last change before it. */
  Optional<KeyState> at(KeyId key, long position) {
    TreeMap<Long, KeyState> changesOfKey = history.get(key);
    if (changesOfKey == null) {
      return Optional.empty();
    }
    Map.Entry<Long, KeyState> last = changesOfKey.lowerEntry(position);
    return last == null ? Optional.empty() : Optional.of(last.getValue());
  }

  /** The change made by the entry at {@code index}, if it was a key command. */
  Optional<KeyState> changeAt(long index) {
    KeyId key = changes.get(index);
    return key == null ? Optional.empty() : Optional.of(history.get(key).get(index));
  }

  /** Forgets the changes made by entries at or after {@code index} (Raft truncated them). */
  void truncateFrom(long index) {
    Iterator<Map.Entry<Long, KeyId>> it = changes.tailMap(index, true).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, KeyId> change = it.next();
      TreeMap<Long, KeyState> changesOfKey = history.get(change.getValue());
      changesOfKey.remove(change.getKey());
      if (changesOfKey.isEmpty()) {
        history.remove(change.getValue());
      }
      it.remove();
    }
  }

  /**
   * Keeps, of the changes at or before {@code index}, only what positions after it need: each key's
   * last change, unless it is a removal.
   */
  void compactTo(long index) {
    List<KeyId> keys = new ArrayList<>(history.keySet());
    for (KeyId key : keys) {
      TreeMap<Long, KeyState> changesOfKey = history.get(key);
      Map.Entry<Long, KeyState> last = changesOfKey.floorEntry(index);
      if (last == null) {
        continue;
      }
      for (Long old : new ArrayList<>(changesOfKey.headMap(last.getKey(), false).keySet())) {
        changesOfKey.remove(old);
        changes.remove(old);
      }
      if (last.getValue() instanceof KeyState.Removed) {
        changesOfKey.remove(last.getKey());
        changes.remove(last.getKey());
      }
      if (changesOfKey.isEmpty()) {
        history.remove(key);
      }
    }
  }

  /**
   * The keys in force for entries after {@code index}: each key's last change at or before it,
   * removals left out. This is what a snapshot at {@code index} must carry.
   */
  List<KeyState> stateAfter(long index) {
    List<KeyState> states = new ArrayList<>();
    for (TreeMap<Long, KeyState> changesOfKey : history.values()) {
      Map.Entry<Long, KeyState> last = changesOfKey.floorEntry(index);
      if (last != null && !(last.getValue() instanceof KeyState.Removed)) {
        states.add(last.getValue());
      }
    }
    return states;
  }

  /** Forgets everything, before the keys of a snapshot are recorded again. */
  void clear() {
    history.clear();
    changes.clear();
  }
}
