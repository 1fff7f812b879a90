/**
 * What a bot knows when it decides: the seat's view, its power and personality, and a PRNG
 * seeded only from what the seat sees (game id, round, phase, seat), so the same view always
 * gives the same decision. There is no field here for the full state: bots cannot peek.
 */
import type { PowerId } from "../powers.js";
import type { BotPersonality } from "../protocol.js";
import { draw, seedFrom } from "../rng.js";
import type { Agreement, Proposal, Term, TermKind } from "../state.js";
import type { PlayerView } from "../view.js";
import { TRAITS, type Traits } from "./personality.js";

export interface BotCtx {
  readonly view: PlayerView;
  readonly me: PowerId;
  readonly personality: BotPersonality;
  readonly traits: Traits;
  /** A uniform draw in [0, 1) named by `salt`: the same view and salt always give the same value. */
  rand(salt: string): number;
  /** Terms this bot will keep this round (agreements in force and proposals it signs now). */
  keeps: Term[];
  /** Terms it is bound by but chose to break this round. */
  breaks: Term[];
}

export function makeCtx(view: PlayerView, me: PowerId, personality: BotPersonality): BotCtx {
  const base = `${view.gameId}:${view.round}:${view.phase}:${me}:${personality}`;
  return {
    view,
    me,
    personality,
    traits: TRAITS[personality],
    rand: (salt) => draw(seedFrom(`${base}:${salt}`)).value,
    keeps: [],
    breaks: [],
  };
}

/** Did anything of this kind happen in the last resolution (visible to the seat)? */
export function happened(view: PlayerView, kind: string, rounds = 1): boolean {
  return view.events.some((e) => e.kind === kind && e.round >= view.round - rounds && e.round < view.round);
}

export function testedLately(view: PlayerView): boolean {
  return happened(view, "missile_tested") || happened(view, "nuclear_tested");
}

/** North Korea was squeezed or menaced last round (a designation, a show of force, a new resolution). */
export function squeezed(view: PlayerView): boolean {
  return (
    happened(view, "designated") || happened(view, "show_of_force") || happened(view, "resolution_adopted")
  );
}

/** Active agreements the power is party to. */
export function myAgreements(view: PlayerView, me: PowerId): Agreement[] {
  return view.agreements.filter((a) => a.status === "active" && a.parties.includes(me));
}

/** Open proposals the power is asked to answer. */
export function pendingProposals(view: PlayerView, me: PowerId): Proposal[] {
  return view.proposals.filter(
    (p) => p.status === "open" && !p.accepted.includes(me) && p.parties.includes(me),
  );
}

export function termOf(terms: readonly Term[], kind: TermKind, party: PowerId): Term | undefined {
  return terms.find((t) => t.kind === kind && t.party === party);
}

/** The most recent North Korean stability the seat can read (public in the history). */
export function kpStability(view: PlayerView): number {
  return view.history[view.history.length - 1]?.powers.KP.stability ?? view.powers.KP.stability;
}

/**
 * Status of one of the seat's own objectives (the view computes it from the state); null when the
 * seat cannot know it yet (it rests on hidden numbers).
 */
export function objectiveStatus(
  view: PlayerView,
  me: PowerId,
  id: string,
): "success" | "partial" | "failure" | null {
  const status = view.objectives[me]?.find((o) => o.id === id)?.status;
  return status === undefined || status === "unknown" ? null : status;
}

/** The id of the seat's secret agenda. */
export function agendaId(view: PlayerView, me: PowerId): string {
  return view.objectives[me]?.find((o) => o.secret)?.id ?? "";
}

export function roundsLeft(view: PlayerView): number {
  return view.maxRounds - view.round;
}
