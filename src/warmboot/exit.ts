/**
 * Warm shutdown (DESIGN.md rule 7): the store forgets every object without removing any from the
 * adapter, and returns the state to save. References callers still hold become inert.
 */
import type { SaiStore } from '../store/sai-store.js';
import { stateFromStore, type WarmBootState } from './state.js';

/**
 * Builds the warm boot state (adapter keys, saved host keys, `shutdownState`), then forgets every
 * object. The caller writes the state (`writeWarmBootState`) and shuts the adapter down warm.
 */
export function exitForWarmBoot(store: SaiStore, shutdownState: unknown): WarmBootState {
  const state = stateFromStore(store, shutdownState);
  store.forgetAll({ exited: true });
  return state;
}
