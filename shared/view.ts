/**
 * What a seat may see. The one function every byte to a client, bot or observer goes through.
 * Control sees everything; a power sees public information, its own secrets and what it detected;
 * observers see public information only.
 */
import { type ByPower, byPower, isPower, type PowerId, type Seat } from "./powers.js";
import type {
  Enforcement,
  Flow,
  GameEvent,
  GameState,
  Orders,
  Phase,
  PowerState,
  Programme,
  PublishedStats,
} from "./state.js";

export interface EnforcementView {
  announced: number;
  /** Present only for the power itself (and Control). */
  actual?: number;
  target?: number;
  baseline?: number;
}

export interface FlowView extends Omit<Flow, "illicit"> {
  /** Present only where the viewer knows of the illicit trade. */
  illicit?: number;
}

export interface PlayerView {
  seat: Seat;
  gameId: string;
  round: number;
  maxRounds: number;
  phase: Phase;
  powers: ByPower<PowerState>;
  enforcement: ByPower<EnforcementView>;
  programme: Programme;
  crisis: number;
  flows: FlowView[];
  /** Own orders only (all orders for Control). */
  orders: Partial<ByPower<Orders>>;
  /** Which powers have submitted orders this round (public). */
  submitted: PowerId[];
  events: GameEvent[];
  published: PublishedStats[];
  ending: GameState["ending"];
}

function canSee(seat: Seat, e: GameEvent): boolean {
  return seat === "CONTROL" || e.visibleTo === "all" || e.visibleTo.includes(seat);
}

function knowsIllicit(seat: Seat): boolean {
  return seat === "CONTROL" || seat === "KP";
}

export function viewFor(state: GameState, seat: Seat): PlayerView {
  const enforcement = byPower((p): EnforcementView => {
    const e: Enforcement = state.enforcement[p];
    return seat === "CONTROL" || seat === p ? { ...e } : { announced: e.announced };
  });
  const flows = state.flows.map((f): FlowView => {
    const { illicit, ...pub } = f;
    return knowsIllicit(seat) ? { ...pub, illicit } : pub;
  });
  const orders: Partial<ByPower<Orders>> = {};
  for (const [p, o] of Object.entries(state.orders) as [PowerId, Orders][]) {
    if (seat === "CONTROL" || seat === p) orders[p] = structuredClone(o);
  }
  return {
    seat,
    gameId: state.gameId,
    round: state.round,
    maxRounds: state.maxRounds,
    phase: state.phase,
    powers: structuredClone(state.powers),
    enforcement,
    programme: { ...state.programme },
    crisis: state.crisis,
    flows,
    orders,
    submitted: (Object.keys(state.orders) as PowerId[]).filter(isPower),
    events: state.events.filter((e) => canSee(seat, e)).map((e) => structuredClone(e)),
    published: structuredClone(state.published),
    ending: state.ending,
  };
}
