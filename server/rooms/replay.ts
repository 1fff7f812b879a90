/**
 * Replays a stored log through the engine without holding the event loop: after each slice of
 * about `sliceMs` it yields to other work (other rooms' requests, the heartbeat), so restoring
 * many long games at start-up or on takeover never blocks the server for long.
 */
import { performance } from "node:perf_hooks";
import { type Actor, type GameState, type Input, step } from "../../shared/index.js";

export async function replayYielding(
  initial: GameState,
  log: readonly { actor: Actor; input: Input }[],
  sliceMs = 10,
): Promise<GameState> {
  let state = initial;
  let sliceStart = performance.now();
  for (const [i, entry] of log.entries()) {
    const r = step(state, entry.actor, entry.input);
    if (!r.ok) throw new Error(`replay: input ${i} rejected: ${r.error.code}`);
    state = r.value;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return state;
}
