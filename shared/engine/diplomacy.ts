/**
 * Proposals and agreements (DESIGN §2, §4). Terms are structured and come from a fixed list, so the
 * engine can check them: each round it tests every active agreement against what happened, and a
 * breach of an observable term is made public and costs trust. Unobservable terms (off-book fuel)
 * are known to break only to Control and to parties with enough intelligence.
 */

import type { Action, ActionType } from "../orders.js";
import { POWERS, type PowerId, pairKey } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type { Agreement, AnswerReason, GameState, Policies, Proposal, Term, TermKind } from "../state.js";
import { addCrisis, addRelation, type Ctx, emit, has } from "./context.js";
import { cloneState } from "./copy.js";
import { addPressure } from "./enforcement.js";
import { clamp100 } from "./math.js";
import { finishGame } from "./objectives.js";

/** Which powers may commit to each kind of term. */
export const TERM_PARTIES: Record<TermKind, readonly PowerId[]> = {
  enforce: ["US", "CN", "RU", "KR"],
  announce: ["US", "CN", "RU", "KR"],
  no_tests: ["KP"],
  suspend_exercises: ["US", "KR"],
  no_designations: ["US"],
  no_md_deployment: ["US", "KR"],
  relief: ["US", "CN", "RU", "KR"],
  aid: ["US", "CN", "RU", "KR"],
  engagement: ["KR"],
  fuel_cap: ["RU"],
  trade: ["CN", "RU"],
  summit: POWERS,
  recognition: ["US"],
};

/** Whether others can see a breach of this kind of term (verification). */
const OBSERVABLE: Record<TermKind, boolean> = {
  enforce: true,
  announce: true,
  no_tests: true,
  suspend_exercises: true,
  no_designations: true,
  no_md_deployment: true,
  relief: true,
  aid: true,
  engagement: true,
  fuel_cap: false,
  trade: true,
  summit: true,
  recognition: true,
};

export const MAX_OPEN_PROPOSALS = 3;

export interface ProposeArgs {
  parties: PowerId[];
  terms?: Term[];
  template?: string;
  duration: number;
  note?: string;
}

export function propose(state: GameState, from: PowerId, args: ProposeArgs): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  const others = [...new Set(args.parties)].filter((p) => p !== from);
  if (others.length === 0) return err("bad_terms", "An agreement needs at least one other power.");
  const parties = [from, ...others].sort((a, b) => POWERS.indexOf(a) - POWERS.indexOf(b));
  let terms: Term[] = args.terms ? args.terms.map((t) => ({ ...t })) : [];
  if (args.template) {
    const tpl = state.scenario.templates[args.template];
    if (!tpl) return err("not_found", `No agreement template "${args.template}".`);
    terms = [...tpl.map((t) => ({ ...t })), ...terms];
  }
  if (terms.length === 0) return err("bad_terms", "An agreement needs at least one term.");
  for (const t of terms) {
    if (!parties.includes(t.party))
      return err("bad_terms", `${t.party} commits to a term but is not a party.`);
    if (!TERM_PARTIES[t.kind].includes(t.party))
      return err("bad_terms", `${t.party} cannot commit to "${t.kind}".`);
    if (t.kind === "trade" && !t.group) return err("bad_terms", "A trade term needs a commodity group.");
  }
  const open = state.proposals.filter((p) => p.from === from && p.status === "open").length;
  if (open >= MAX_OPEN_PROPOSALS)
    return err("rate_limited", `At most ${MAX_OPEN_PROPOSALS} open proposals at once.`);
  const proposal: Proposal = {
    id: `P${state.seq}`,
    from,
    parties,
    terms,
    duration: args.duration,
    round: state.round,
    accepted: [from],
    status: "open",
  };
  if (args.note) proposal.note = args.note;
  const next = cloneState(state);
  next.seq = state.seq + 1;
  next.proposals = [...state.proposals, proposal];
  next.events = [
    ...state.events,
    {
      round: state.round,
      kind: "proposal",
      data: { id: proposal.id, from },
      extra: { to: others.join(", ") },
      visibleTo: parties,
    },
  ];
  return ok(next);
}

export function respond(
  state: GameState,
  who: PowerId,
  id: string,
  accept: boolean,
  reason?: AnswerReason,
): Result<GameState> {
  if (state.phase === "ended") return err("game_over", "The game is over.");
  const i = state.proposals.findIndex((p) => p.id === id);
  const prop = state.proposals[i];
  if (!prop) return err("not_found", `No proposal ${id}.`);
  if (!prop.parties.includes(who)) return err("not_party", `${who} is not a party to ${id}.`);
  if (prop.status !== "open") return err("already_decided", `Proposal ${id} is ${prop.status}.`);
  if (prop.accepted.includes(who)) return err("already_decided", `${who} has already accepted ${id}.`);
  const proposals = [...state.proposals];
  const reasons = reason ? { reasons: { ...prop.reasons, [who]: reason } } : {};
  if (!accept) {
    proposals[i] = { ...prop, ...reasons, status: "rejected" };
    const next = cloneState(state);
    next.proposals = proposals;
    next.events = [
      ...state.events,
      { round: state.round, kind: "proposal_rejected", data: { id, by: who }, visibleTo: prop.parties },
    ];
    return ok(next);
  }
  const accepted = [...prop.accepted, who];
  if (accepted.length < prop.parties.length) {
    proposals[i] = { ...prop, ...reasons, accepted };
    const next = cloneState(state);
    next.proposals = proposals;
    return ok(next);
  }
  proposals[i] = { ...prop, ...reasons, accepted, status: "accepted" };
  const next = cloneState(state);
  next.proposals = proposals;
  return ok(sign(next, prop));
}

function isGrandBargain(a: { parties: readonly PowerId[]; terms: readonly Term[] }): boolean {
  const kinds = new Set(a.terms.map((t) => t.kind));
  return (
    a.parties.length === POWERS.length &&
    kinds.has("no_tests") &&
    kinds.has("relief") &&
    kinds.has("suspend_exercises") &&
    (kinds.has("summit") || kinds.has("recognition"))
  );
}

/** An accepted proposal becomes an agreement; one-off terms (summit, recognition) happen now. */
function sign(state: GameState, prop: Proposal): GameState {
  const grand = isGrandBargain(prop);
  const agreement: Agreement = {
    id: `A${state.seq}`,
    parties: prop.parties,
    terms: prop.terms,
    start: state.round,
    expires: state.round + prop.duration - 1,
    status: "active",
    grandBargain: grand,
  };
  const s = cloneState(state);
  s.seq = state.seq + 1;
  s.relations = { ...state.relations };
  s.tracks = {
    ...state.tracks,
    summits: [...state.tracks.summits],
    agreementsJoined: { ...state.tracks.agreementsJoined },
  };
  s.agreements = [...state.agreements, agreement];
  s.events = [...state.events];
  const t = s.tracks;
  for (const p of prop.parties) t.agreementsJoined[p] += 1;
  for (let i = 0; i < prop.parties.length; i++)
    for (let j = i + 1; j < prop.parties.length; j++) addRelation(s, prop.parties[i]!, prop.parties[j]!, 5);
  const has2 = (a: PowerId, b: PowerId) => prop.parties.includes(a) && prop.parties.includes(b);
  if (has2("KP", "KR")) t.interKoreanAgreements += 1;
  if (has2("KP", "US")) {
    t.usKpDeal = true;
    if (prop.parties.includes("KR")) t.krInUsKpDeal = true;
  }
  for (const term of prop.terms) {
    if (term.kind === "summit") {
      for (let i = 0; i < prop.parties.length; i++)
        for (let j = i + 1; j < prop.parties.length; j++) {
          const k = pairKey(prop.parties[i]!, prop.parties[j]!);
          if (!t.summits.includes(k)) t.summits.push(k);
        }
    }
    if (term.kind === "recognition") t.recognition = true;
    if (term.kind === "relief") t.relief = true;
  }
  s.crisis = clamp100(s.crisis - 3);
  s.events.push({
    round: s.round,
    kind: "agreement_signed",
    data: { id: agreement.id, parties: prop.parties.join(",") },
    extra: grand
      ? { grand: 1 }
      : {
          parties: prop.parties.join(", "),
          terms: prop.terms.map((x) => x.kind).join(", "),
          duration: prop.duration,
        },
    visibleTo: "all",
  });
  if (grand) return finishGame(s, { reason: "grand_bargain", round: s.round });
  return s;
}

/**
 * What a term is checked against: the party's enforcement and policies after this round's orders,
 * the round's actions, and (for no_designations) each entity's country. The resolution fills it
 * from the state; `ordersBreach` fills it from a seat's view and the orders it is about to send.
 */
export interface BreachFacts {
  enforcement(p: PowerId): { announced: number; target: number; actual?: number | undefined };
  policies(p: PowerId): Pick<Policies, "exercises" | "mdConsent" | "fuelSales" | "trade"> | undefined;
  acted(p: PowerId, type: ActionType): boolean;
  actions(p: PowerId): readonly Action[];
  entityCountry(id: string): string | undefined;
}

/**
 * Does this round's play breach the term? The one breach rule: the resolution and the client's
 * warning before submit (`ordersBreach`) both ask it. Undefined facts (another power's private
 * figures) never count as a breach.
 */
export function termBreached(term: Term, f: BreachFacts): boolean {
  const p = term.party;
  const lvl = term.level ?? 0;
  const pol = f.policies(p);
  switch (term.kind) {
    case "enforce": {
      const actual = f.enforcement(p).actual;
      return actual !== undefined && actual < lvl;
    }
    case "announce":
      return f.enforcement(p).announced < lvl;
    case "no_tests":
      return f.acted("KP", "missile_test") || f.acted("KP", "nuclear_test");
    case "suspend_exercises":
      return pol?.exercises ?? false;
    case "no_designations":
      return f.actions("US").some((a) => a.type === "designate" && f.entityCountry(a.entity) === "CN");
    case "no_md_deployment":
      return (
        f.acted("US", "deploy_missile_defence") && (p === "US" || (f.policies("KR")?.mdConsent ?? false))
      );
    case "relief":
      return f.enforcement(p).announced > lvl || f.enforcement(p).target > lvl;
    case "aid":
      return !f.acted(p, "humanitarian_aid") && !f.acted(p, "buffer_aid");
    case "engagement":
      return (f.policies("KR")?.trade.goods ?? lvl) < lvl;
    case "fuel_cap":
      return (f.policies("RU")?.fuelSales ?? 0) > lvl;
    case "trade":
      return term.group ? (pol?.trade[term.group] ?? lvl) < lvl : false;
    case "summit":
    case "recognition":
      return false;
  }
}

function breached(ctx: Ctx, term: Term): boolean {
  const s = ctx.s;
  return termBreached(term, {
    enforcement: (p) => s.enforcement[p],
    policies: (p) => s.policies[p],
    acted: (p, type) => has(ctx, p, type),
    actions: (p) => ctx.actions[p],
    entityCountry: (id) => s.scenario.entities.find((e) => e.id === id)?.country,
  });
}

/** What a seat knows of its own standing settings (its own view has them). */
export interface OwnSettings {
  enforcement: { announced: number; target?: number | undefined };
  policies?: Partial<Pick<Policies, "exercises" | "mdConsent" | "fuelSales" | "trade">> | undefined;
}

/**
 * Before submit: the terms of agreements in force that `power`'s own orders would breach this round,
 * as the resolution will judge them. Only the terms the power's own orders decide are answered
 * (`enforce` depends on the round's outcome, and other parties' orders are not known): the settings
 * are the power's current ones with its policy orders applied, as step 1 applies them.
 */
export function ordersBreach(
  agreements: readonly Pick<Agreement, "id" | "status" | "terms" | "parties">[],
  power: PowerId,
  actions: readonly Action[],
  own: OwnSettings,
  entityCountry: (id: string) => string | undefined,
): { agreement: string; term: Term }[] {
  const enf = { announced: own.enforcement.announced, target: own.enforcement.target ?? 0 };
  const pol = {
    exercises: own.policies?.exercises ?? false,
    mdConsent: own.policies?.mdConsent ?? false,
    fuelSales: own.policies?.fuelSales ?? 0,
    trade: { ...(own.policies?.trade ?? ({} as Policies["trade"])) },
  };
  for (const a of actions) {
    if (a.type === "set_enforcement") {
      enf.announced = a.announced;
      enf.target = a.target;
    } else if (a.type === "set_exercises") pol.exercises = a.on;
    else if (a.type === "set_md_consent") pol.mdConsent = a.on;
    else if (a.type === "set_fuel_sales") pol.fuelSales = a.level;
    else if (a.type === "set_trade") pol.trade[a.commodityGroup] = a.level;
    else if (a.type === "send_labourers") pol.trade.labour = a.level;
    else if (a.type === "set_engagement")
      for (const g of Object.keys(pol.trade) as (keyof Policies["trade"])[]) pol.trade[g] = a.level;
  }
  const facts: BreachFacts = {
    enforcement: (p) => (p === power ? enf : { announced: 0, target: 0 }),
    policies: (p) => (p === power ? pol : undefined),
    acted: (p, type) => p === power && actions.some((a) => a.type === type),
    actions: (p) => (p === power ? actions : []),
    entityCountry,
  };
  const out: { agreement: string; term: Term }[] = [];
  for (const a of agreements) {
    if (a.status !== "active" || !a.parties.includes(power)) continue;
    for (const term of a.terms) {
      // Only the power's own commitments, and only those its orders alone decide.
      if (term.party !== power || term.kind === "enforce") continue;
      if (term.kind === "no_tests" && power !== "KP") continue;
      if (term.kind === "no_designations" && power !== "US") continue;
      if (termBreached(term, facts)) out.push({ agreement: a.id, term });
    }
  }
  return out;
}

/** Step 11: breaches, in-force effects and expiry of agreements. */
export function resolveAgreements(ctx: Ctx): void {
  const { s, rules } = ctx;
  let inForce = 0;
  // Agreements are shared with the previous state: copy the ones this step may change.
  s.agreements = s.agreements.map((a) => (a.status === "active" ? { ...a } : a));
  for (const a of s.agreements) {
    if (a.status !== "active") continue;
    let broken: Term | undefined;
    for (const term of a.terms) {
      if (!breached(ctx, term)) continue;
      // An enforcement shortfall shows in trade data only when it is large.
      const visible =
        OBSERVABLE[term.kind] &&
        (term.kind !== "enforce" || (term.level ?? 0) - s.enforcement[term.party].actual >= 15);
      if (visible) {
        broken = term;
        break;
      }
      const knowers = a.parties.filter((p) => p === term.party || s.intel[p] >= 2);
      emit(ctx, "breach_unseen", { id: a.id }, knowers, { party: term.party, term: term.kind });
    }
    if (broken) {
      a.status = "broken";
      a.brokenBy = broken.party;
      for (const p of a.parties)
        if (p !== broken.party) addRelation(s, p, broken.party, -rules.breachRelations);
      s.powers[broken.party].standing = clamp100(s.powers[broken.party].standing - rules.breachStanding);
      emit(ctx, "agreement_broken", {
        id: a.id,
        by: broken.party,
        term: broken.kind,
      });
      continue;
    }
    inForce += 1;
    for (const term of a.terms) if (term.kind === "enforce") addPressure(s, term.party, 8);
    if (ctx.round >= a.expires) {
      a.status = "expired";
      for (let i = 0; i < a.parties.length; i++)
        for (let j = i + 1; j < a.parties.length; j++) addRelation(s, a.parties[i]!, a.parties[j]!, 3);
      emit(ctx, "agreement_expired", { id: a.id });
    }
  }
  if (inForce > 0) addCrisis(ctx, null, -Math.min(4, inForce), "agreements in force");
  // Proposals do not outlive their round.
  s.proposals = s.proposals
    .filter((p) => p.round >= ctx.round - 1)
    .map((p): Proposal => (p.status === "open" ? { ...p, status: "expired" } : p));
}
