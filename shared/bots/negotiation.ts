/**
 * Negotiation: what a bot proposes, how it values a proposal (in objective points: what the other
 * parties' terms bring it, minus what its own terms cost), which promises it keeps, and how it
 * handles UN drafts. Values read only the seat's view and its own objectives; what others want is
 * guessed from the public objectives every power has.
 */
import type { Input } from "../engine/step.js";
import { POWERS, type PowerId } from "../powers.js";
import { SUMMER_2017 } from "../scenario/summer2017.js";
import type { AnswerReason, Proposal, Term } from "../state.js";
import {
  agendaId,
  type BotCtx,
  kpStability,
  myAgreements,
  objectiveStatus,
  pendingProposals,
  roundsLeft,
  squeezed,
  testedLately,
} from "./context.js";

interface Deal {
  parties: readonly PowerId[];
  terms: readonly Term[];
  duration: number;
}

const met = (ctx: BotCtx, id: string) => objectiveStatus(ctx.view, ctx.me, id) === "success";

/** What one round of keeping my own term costs me (objective points, ≥ 0). */
export function termCost(ctx: BotCtx, t: Term): number {
  const { view, me, traits } = ctx;
  const hawk = traits.aggression;
  switch (t.kind) {
    case "no_tests":
      if (view.programme.stage < 5) return 3;
      // A squeezed hawk near the brink finds restraint costly: it may break its word and test.
      return (
        (agendaId(view, me) === "kp-agenda-readiness" && view.programme.readiness < 70 ? 1.5 : 0.5) +
        (hawk > 0.6 && squeezed(view) ? 1 : 0)
      );
    case "suspend_exercises":
      return me === "US" ? 0.5 + hawk : 0.2 + hawk / 2;
    case "no_designations":
      return 0.5 + hawk + (agendaId(view, me) === "us-agenda-currency" ? 0.5 : 0);
    case "no_md_deployment":
      return me === "US" ? 0.5 + hawk / 2 : 0;
    case "relief":
      if (me === "US") return 1 + hawk * 2;
      return me === "KR" ? 0.5 : 0.2;
    case "aid":
      return 0.5;
    case "engagement":
      return view.crisis > 60 ? 1 : 0.3 + hawk / 2;
    case "enforce": {
      const own = view.enforcement[me];
      const gap = (t.level ?? 0) - (own.baseline ?? own.actual ?? 0);
      return Math.max(0, gap) / 20 + (me === "CN" ? hawk / 2 : 0);
    }
    case "announce":
      return 0.1;
    case "fuel_cap":
      return 1 - (t.level ?? 0) / 100;
    case "trade":
      return 0.3;
    case "summit":
      return me === "US" && view.programme.stage < 5 ? hawk : 0;
    case "recognition":
      return 2.5 + hawk * 2;
  }
}

/** What another party's term brings me (objective points). */
export function termBenefit(ctx: BotCtx, t: Term, parties: readonly PowerId[]): number {
  const { view, me } = ctx;
  const agenda = agendaId(view, me);
  switch (t.kind) {
    case "no_tests":
      return me === "US"
        ? met(ctx, "us-readiness")
          ? 1.5
          : 2.5
        : me === "KR"
          ? 1.5
          : me === "RU" && agenda === "ru-agenda-f4f"
            ? 1.5
            : 0.5;
    case "suspend_exercises":
      if (me === "CN") return view.missileDefence.launchers > 6 && !met(ctx, "cn-no-md") ? 2 : 0.5;
      if (me === "RU") return agenda === "ru-agenda-f4f" ? 1.5 : 0.3;
      if (me === "KP") return 0.8;
      if (me === "KR") return 0.5;
      return -0.5;
    case "no_designations":
      return me === "CN" ? 2 : me === "KP" ? 1 : 0.2;
    case "no_md_deployment":
      return me === "CN" ? 1.5 : 0;
    case "relief":
      return me === "KP" ? (view.programme.stage >= 5 ? 2.5 : 1.5) : me === "RU" ? 0.3 : 0;
    case "aid":
      return me === "KP" ? 1 : me === "CN" && kpStability(view) < 45 ? 1 : 0.1;
    case "engagement":
      return me === "KP" ? 1.5 : 0;
    case "enforce":
      if (me === "US") return t.party === "CN" ? (agenda === "us-agenda-china" ? 2.5 : 1.2) : 0.3;
      return me === "KP" ? -1 : 0;
    case "announce":
      return me === "US" ? 0.2 : 0;
    case "fuel_cap":
      return me === "US" ? 0.4 : me === "KP" ? -0.5 : 0;
    case "trade":
      return me === "KP" ? 1 : 0;
    case "summit": {
      let v = 0.2;
      if (me === "KP" && parties.includes("US")) v += agenda === "kp-agenda-summit" ? 3 : 0.5;
      if (me === "KR" && parties.includes("KP")) v += agenda === "kr-agenda-summit" ? 3 : 0.3;
      return v;
    }
    case "recognition":
      return me === "KP" ? 3 : me === "RU" || me === "CN" ? 0.3 : me === "KR" ? -1 : 0;
  }
}

/** What each term of a deal is worth to me (its cost, negative, for my own terms), and the rest. */
function dealParts(ctx: BotCtx, deal: Deal): { terms: { term: Term; v: number }[]; objectives: number[] } {
  const { view, me } = ctx;
  const rounds = Math.max(1, Math.min(deal.duration, roundsLeft(view) + 1));
  const terms: { term: Term; v: number }[] = [];
  for (const t of deal.terms) {
    if (t.party === me)
      terms.push({
        term: t,
        v: -termCost(ctx, t) * (t.kind === "summit" || t.kind === "recognition" ? 1 : rounds) ** 0.6,
      });
    else
      terms.push({
        term: t,
        v:
          termBenefit(ctx, t, deal.parties) *
          (t.kind === "summit" || t.kind === "recognition" ? 1 : rounds) ** 0.5,
      });
  }
  // Kept as a list, added in this order after the terms: the same sums as before, to the last bit.
  const objectives: number[] = [];
  const agenda = agendaId(view, me);
  const parties = deal.parties;
  if (me === "RU" && !met(ctx, "ru-agreements")) objectives.push(1);
  if (me === "KR" && parties.includes("KP") && !met(ctx, "kr-inter-korean")) objectives.push(1.5);
  if (
    me === "KR" &&
    agenda === "kr-agenda-deal" &&
    parties.includes("US") &&
    parties.includes("KP") &&
    !met(ctx, agenda)
  )
    objectives.push(3);
  if (me === "KR" || me === "US" || me === "CN") objectives.push(view.crisis > 50 ? 0.4 : 0.1); // agreements ease the crisis
  // A deal between two others that helps them is worth less to me than one I gain from alone.
  return { terms, objectives };
}

/** Net value of a deal to me: its terms, plus what being party to it counts for my objectives. */
export function dealValue(ctx: BotCtx, deal: Deal): number {
  const { terms, objectives } = dealParts(ctx, deal);
  let v = 0;
  for (const t of terms) v += t.v;
  for (const o of objectives) v += o;
  return v;
}

/**
 * The sentence of reasoning behind an answer (shown to the proposal's parties): on a yes, the term
 * worth most to me (or my objectives, when they weigh more); on a no, the term that costs me most
 * (or, when none of mine costs much, that the deal brings too little).
 */
export function answerReason(ctx: BotCtx, deal: Deal, accept: boolean): AnswerReason {
  const parts = dealParts(ctx, deal);
  const terms = parts.terms;
  const objectives = parts.objectives.reduce((a, b) => a + b, 0);
  const best = terms.reduce<{ term: Term; v: number } | null>((b, t) => (!b || t.v > b.v ? t : b), null);
  const worst = terms.reduce<{ term: Term; v: number } | null>((b, t) => (!b || t.v < b.v ? t : b), null);
  if (accept) {
    if (best && best.v > 0 && best.v >= objectives) return { why: "worth_it", term: best.term };
    return { why: "objective" };
  }
  if (worst && worst.v < -0.5) return { why: "costs_too_much", term: worst.term };
  return { why: "too_little" };
}

/** Each round: which of my promises I keep. A dove almost always does; a hawk breaks costly ones. */
export function decideCommitments(ctx: BotCtx): void {
  for (const a of myAgreements(ctx.view, ctx.me)) {
    const mine = a.terms.filter((t) => t.party === ctx.me);
    if (mine.length === 0) continue;
    const cost = mine.reduce((n, t) => n + termCost(ctx, t), 0);
    const keep = cost < 1 || ctx.rand(`honour:${a.id}`) < ctx.traits.honour;
    (keep ? ctx.keeps : ctx.breaks).push(...mine);
  }
}

/** Answers open proposals; the terms of those it accepts are kept from this round on. */
export function answerProposals(ctx: BotCtx): Input[] {
  const out: Input[] = [];
  for (const p of pendingProposals(ctx.view, ctx.me)) {
    const value = dealValue(ctx, p);
    const accept = value >= ctx.traits.acceptAbove;
    out.push({ type: "respond_proposal", id: p.id, accept, reason: answerReason(ctx, p, accept) });
    if (accept) ctx.keeps.push(...p.terms.filter((t) => t.party === ctx.me));
  }
  // Proposals I already accepted that others may still sign this round: be ready to keep them.
  for (const p of ctx.view.proposals)
    if (p.status === "open" && p.accepted.includes(ctx.me) && p.from !== ctx.me)
      ctx.keeps.push(...p.terms.filter((t) => t.party === ctx.me));
  return out;
}

/** My own open proposals (their terms are kept in case they are signed). */
export function keepOwnOffers(ctx: BotCtx): void {
  for (const p of ctx.view.proposals)
    if (p.status === "open" && p.from === ctx.me)
      ctx.keeps.push(...p.terms.filter((t) => t.party === ctx.me));
}

function alreadyBound(ctx: BotCtx, kind: Term["kind"], party: PowerId): boolean {
  return ctx.view.agreements.some(
    (a) => a.status === "active" && a.terms.some((t) => t.kind === kind && t.party === party),
  );
}

/** An open proposal or an agreement in force among exactly these parties already exists. */
function alreadyOffered(ctx: BotCtx, parties: readonly PowerId[]): boolean {
  const same = (xs: readonly PowerId[]) =>
    xs.length === parties.length && parties.every((x) => xs.includes(x));
  if (ctx.view.agreements.some((a) => a.status === "active" && same(a.parties))) return true;
  return ctx.view.proposals.some(
    (p: Proposal) =>
      p.status === "open" &&
      p.parties.length === parties.length &&
      parties.every((x) => p.parties.includes(x)),
  );
}

/** Proposals this bot makes now: offers that are worth something to it and plausibly to the others. */
export function makeProposals(ctx: BotCtx): Input[] {
  const { view, me, traits } = ctx;
  const out: Input[] = [];
  const offers: Deal[] = [];
  const stage5 = view.programme.stage >= 5;
  const left = roundsLeft(view);
  const agenda = agendaId(view, me);
  const cnActual = view.enforcement.CN.actual ?? 0;
  switch (me) {
    case "US":
      if (!alreadyBound(ctx, "enforce", "CN"))
        offers.push({
          parties: ["US", "CN"],
          terms: [
            { kind: "enforce", party: "CN", level: agenda === "us-agenda-china" ? 60 : 50 },
            { kind: "no_designations", party: "US" },
          ],
          duration: 2,
        });
      // A freeze bought with light relief when readiness is running away (two rounds of moratorium
      // meet the readiness objective); a bare freeze for a summit otherwise.
      if (stage5 && !met(ctx, "us-readiness") && traits.aggression < 0.7)
        offers.push({
          parties: ["US", "KP"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "summit", party: "US" },
            { kind: "relief", party: "US", level: 60 },
          ],
          duration: 2,
        });
      else if (stage5 || traits.aggression < 0.3)
        offers.push({
          parties: ["US", "KP"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "summit", party: "US" },
          ],
          duration: Math.min(3, left + 1),
        });
      break;
    case "CN":
      if (!alreadyBound(ctx, "no_designations", "US"))
        offers.push({
          parties: ["US", "CN"],
          terms: [
            { kind: "enforce", party: "CN", level: Math.min(60, cnActual + 12) },
            { kind: "no_designations", party: "US" },
          ],
          duration: 2,
        });
      if (view.missileDefence.launchers > 6 || view.policies.US.exercises)
        offers.push({
          parties: ["CN", "KP", "US"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "suspend_exercises", party: "US" },
            { kind: "aid", party: "CN" },
          ],
          duration: 1,
        });
      break;
    case "RU":
      offers.push({
        parties: ["RU", "KP", "US", "KR"],
        terms: [
          { kind: "no_tests", party: "KP" },
          { kind: "suspend_exercises", party: "US" },
          { kind: "suspend_exercises", party: "KR" },
        ],
        duration: 1,
      });
      offers.push({
        parties: ["RU", "KP", "KR"],
        terms: [
          { kind: "no_tests", party: "KP" },
          { kind: "engagement", party: "KR", level: 25 },
        ],
        duration: 1,
      });
      break;
    case "KP":
      if (stage5)
        offers.push({
          parties: ["KP", "US"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "relief", party: "US", level: 60 },
            { kind: "summit", party: "US" },
          ],
          duration: 2,
        });
      offers.push({
        parties: ["KP", "KR"],
        terms: [
          { kind: "engagement", party: "KR", level: 25 },
          { kind: "summit", party: "KR" },
        ],
        duration: 2,
      });
      if (kpStability(view) < 45)
        offers.push({ parties: ["KP", "CN"], terms: [{ kind: "aid", party: "CN" }], duration: 1 });
      break;
    case "KR":
      offers.push({
        parties: ["KP", "KR"],
        terms: [
          { kind: "engagement", party: "KR", level: 25 },
          { kind: "summit", party: "KP" },
        ],
        duration: 2,
      });
      if (agenda === "kr-agenda-deal" || stage5)
        offers.push({
          parties: ["US", "KP", "KR"],
          terms: [
            { kind: "no_tests", party: "KP" },
            { kind: "summit", party: "US" },
            { kind: "suspend_exercises", party: "KR" },
          ],
          duration: 2,
        });
      break;
  }
  // The grand bargain (freeze, relief, no exercises, a summit), floated by a go-between once the
  // range contest is over and either the crisis is high or the leaders have met. All five must sign,
  // so it is rare: a US hawk or a North Korea that still wants tests turns it down.
  const broker = me === "RU" || me === "CN" || (me === "KR" && traits.aggression < 0.6);
  const ripe = view.crisis >= 60 || view.events.some((e) => e.kind === "summit_held");
  if (broker && stage5 && ripe && left >= 1 && ctx.rand("grand") < 0.07)
    offers.unshift({ parties: POWERS, terms: SUMMER_2017.templates.grand_bargain ?? [], duration: 3 });
  let made = 0;
  for (const [i, d] of offers.entries()) {
    if (made >= 2) break;
    if (alreadyOffered(ctx, d.parties)) continue;
    if (dealValue(ctx, d) < traits.acceptAbove) continue;
    if (ctx.rand(`offer:${i}`) >= traits.initiative) continue;
    out.push({
      type: "propose",
      parties: d.parties.filter((p) => p !== me),
      terms: d.terms.map((t) => ({ ...t })),
      duration: Math.max(1, Math.min(8, d.duration)),
    });
    ctx.keeps.push(...d.terms.filter((t) => t.party === me));
    made++;
  }
  return out;
}

/** The UN: the US tables after a test; China and Russia soften, then vote yes or veto. */
export function unInputs(ctx: BotCtx): Input[] {
  const { view, me, traits } = ctx;
  const out: Input[] = [];
  for (const d of view.drafts) {
    if (d.status !== "open" || d.by === me) continue;
    if (me === "CN" || me === "RU") {
      const cap = traits.unStrength - (me === "RU" ? 10 : 0);
      let strength = d.strength;
      if (strength > cap && !d.amendedBy.includes(me)) {
        out.push({ type: "amend_un_draft", id: d.id, strength: cap });
        strength = cap;
      } else if (
        me === "RU" &&
        !d.amendedBy.includes(me) &&
        strength > 15 &&
        ctx.rand(`soften-${d.id}`) < 0.5 + 0.5 * traits.aggression
      ) {
        // Russia's objective is that nothing passes as tabled: it softens even a draft it could
        // accept, the more so the harder its line.
        strength -= 5;
        out.push({ type: "amend_un_draft", id: d.id, strength });
      }
      // Never abstain: a resolution adopted without Russia's yes counts against Russia.
      out.push({ type: "vote_un_draft", id: d.id, vote: strength > cap + 15 ? "no" : "yes" });
    } else if (me === "US") out.push({ type: "vote_un_draft", id: d.id, vote: "yes" });
  }
  // The US tables after a test, and whenever its agenda needs pressure on China or on the regime's
  // cash (resolutions add to the pressure that keeps China's enforcement up).
  const agenda = agendaId(view, me);
  const wantsUn = testedLately(view) || agenda === "us-agenda-china" || agenda === "us-agenda-currency";
  if (me === "US" && wantsUn && !view.drafts.some((d) => d.status === "open" && d.by === "US")) {
    // A hawk asks for fuel from the start and, once stage 5 is shown, for what North Korea buys as
    // well (as 2397 banned machinery, vehicles and metals after the Hwasong-15).
    const groups =
      traits.aggression > 0.6
        ? view.programme.stage >= 5
          ? (["minerals", "textiles_seafood", "fuel", "goods"] as const)
          : (["minerals", "textiles_seafood", "fuel"] as const)
        : (["minerals", "textiles_seafood"] as const);
    out.push({
      type: "table_un_draft",
      groups: [...groups],
      strength: Math.min(100, traits.unStrength + 10),
    });
  }
  return out;
}
