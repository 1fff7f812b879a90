/**
 * The game state: the single source of truth. Plain JSON (integers only), so it can be hashed,
 * stored and replayed. Secrets live here too; only `viewFor` decides what leaves the engine.
 */
import type { ByPower, PowerId, Seat } from "./powers.js";

export const PHASES = ["diplomacy", "orders", "ended"] as const;
export type Phase = (typeof PHASES)[number];

export const COMMODITIES = ["coal", "crude_oil", "textiles", "seafood", "consumer_goods"] as const;
export type Commodity = (typeof COMMODITIES)[number];

export interface PowerState {
  /** Economy index, 100 = mid-2017. */
  economy: number;
  /** Domestic stability, 0–100. */
  stability: number;
  /** International standing, 0–100. */
  standing: number;
  /** Action points per round. */
  actionPoints: number;
}

/** Sanctions enforcement, 0–100. `announced` is public; `actual` and `target` are private. */
export interface Enforcement {
  announced: number;
  // WARNING: private to the power itself (and Control). viewFor strips it for everyone else.
  actual: number;
  target: number;
  baseline: number;
}

/** A directed trade flow, $M per quarter. `base` is the volume before any enforcement. */
export interface Flow {
  id: string;
  from: string;
  to: string;
  commodity: Commodity;
  base: number;
  official: number;
  // WARNING: illicit volume is known only to North Korea and to those who detected it.
  illicit: number;
  /** Which power's enforcement cuts this flow. */
  enforcedBy: PowerId;
}

export interface Programme {
  /** 0 none → 1 Japan → 2 Guam → 3 Alaska → 4 Hawaii → 5 continental US. */
  stage: number;
  /** Reliability and usable warheads, 0–100. */
  readiness: number;
  tests: number;
}

export const ACTION_TYPES = ["set_enforcement", "missile_test"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type Action =
  | { type: "set_enforcement"; announced: number; target: number; rationale?: string }
  | { type: "missile_test"; rationale?: string };

export interface Orders {
  actions: Action[];
}

/** Who may see an event: "all", or a list of seats (Control always sees everything). */
export type Visibility = "all" | Seat[];

export interface GameEvent {
  round: number;
  kind: string;
  /** Plain-language text (English); the client may re-render from `kind` + `data`. */
  text: string;
  data: Record<string, number | string>;
  visibleTo: Visibility;
}

/** Statistics published one round late (official volumes only). */
export interface PublishedStats {
  round: number;
  officialTrade: Record<string, number>;
}

export interface GameState {
  gameId: string;
  /** The PRNG's state (uint32); advanced only by the engine. */
  rng: number;
  round: number;
  maxRounds: number;
  phase: Phase;
  powers: ByPower<PowerState>;
  enforcement: ByPower<Enforcement>;
  programme: Programme;
  crisis: number;
  flows: Flow[];
  /** Orders submitted this round, secret until resolution. */
  orders: Partial<ByPower<Orders>>;
  /** Events of the last resolution. */
  events: GameEvent[];
  published: PublishedStats[];
  ending: null | { reason: "last_round" | "war" | "collapse"; round: number };
}
