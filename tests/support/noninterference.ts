/**
 * The non-interference check (tests/engine/secrecy.test.ts, tests/server/leak.test.ts): change each
 * leaf of a state that a seat may not know (shared/secrecy.ts) and require that seat's view to stay
 * the same, apart from what a declared release may change.
 */
import {
  type GameState,
  type PlayerView,
  type PowerId,
  SEATS,
  type Seat,
  viewFor,
} from "../../shared/index.js";
import { knowledgeOf, type Release, type StatePath } from "../../shared/secrecy.js";

/** Every leaf (number, string, boolean) of the state, as a path; the scenario is shared, public data. */
export function leaves(value: unknown, path: (string | number)[] = [], out: StatePath[] = []): StatePath[] {
  if (path.length === 1 && path[0] === "scenario") return out;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) leaves(value[i], [...path, i], out);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else if (value !== null && value !== undefined) out.push(path);
  return out;
}

/**
 * The state with one leaf changed, copying only the containers on its path (the engine never
 * mutates a state, and views memoise on identity, so untouched parts stay shared as they would).
 */
export function perturb(state: GameState, path: StatePath): GameState {
  const copy = (node: unknown, i: number): unknown => {
    if (i === path.length) {
      if (typeof node === "number") return node + 1;
      if (typeof node === "boolean") return !node;
      return `${String(node)}~`;
    }
    const key = path[i]!;
    const next = copy((node as Record<string | number, unknown>)[key], i + 1);
    if (Array.isArray(node)) {
      const a = [...node];
      a[key as number] = next;
      return a;
    }
    return { ...(node as object), [key]: next };
  };
  return copy(state, 0) as GameState;
}

/** A view with what a declared release may change taken out (shared/secrecy.ts, `Release`). */
function withoutReleased(view: PlayerView, releases: readonly Release[], owner: unknown): unknown {
  const v = structuredClone(view) as PlayerView;
  for (const r of releases) {
    if (r === "implied_range") {
      // Only the range of the power whose secret changed, in the intelligence panel and in the
      // "implied" part of the explanations of its flows; intelNoise/actual are keyed by that power.
      if (v.intelligence) delete v.intelligence.implied[owner as PowerId];
      for (const x of v.explanations)
        x.parts = x.parts.filter((p) => !(p.why === "implied" && p.owner === owner));
    } else if (r === "final_grades") {
      for (const list of Object.values(v.objectives)) for (const o of list ?? []) o.status = "unknown";
    }
  }
  return v;
}

/** Paths of the first differences between two JSON values (for a readable failure). */
function diff(a: unknown, b: unknown, path = "", out: string[] = []): string[] {
  if (out.length >= 5) return out;
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diff((a as never)[k], (b as never)[k], `${path}.${k}`, out);
  } else out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  return out;
}

/** Checks every seat against every leaf it may not know; returns how many (seat, leaf) pairs. */
export function checkNonInterference(
  state: GameState,
  view: (s: GameState, seat: Seat) => PlayerView = viewFor,
  seats: readonly Seat[] = SEATS,
): { checked: number; leaks: string[] } {
  const base = new Map<Seat, string>(seats.map((seat) => [seat, JSON.stringify(view(state, seat))]));
  const leaks: string[] = [];
  let checked = 0;
  for (const path of leaves(state)) {
    const k = knowledgeOf(state, path);
    const blind = seats.filter((seat) => !k.readers.includes(seat));
    if (blind.length === 0) continue;
    const changed = perturb(state, path);
    for (const seat of blind) {
      checked++;
      const after = view(changed, seat);
      if (JSON.stringify(after) === base.get(seat)) continue;
      const before = view(state, seat);
      const a = withoutReleased(before, k.releasedBy, path[1]);
      const b = withoutReleased(after, k.releasedBy, path[1]);
      if (JSON.stringify(a) !== JSON.stringify(b))
        leaks.push(`${seat} learns ${path.join(".")}: ${diff(a, b).join("; ")}`);
    }
  }
  return { checked, leaks };
}
