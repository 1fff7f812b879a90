/**
 * The rule-based bot ("simple" tier): one strategy per power, shifted by personality; it negotiates
 * through structured proposals, votes on UN drafts and keeps or breaks its promises by temperament.
 * It decides from a `PlayerView` only.
 */
import type { Input } from "../engine/step.js";
import type { Action } from "../orders.js";
import type { ByPower, PowerId } from "../powers.js";
import type { BotPersonality } from "../protocol.js";
import type { PlayerView } from "../view.js";
import { build, type Wish } from "./builder.js";
import { commitmentWishes } from "./commitments.js";
import { type BotCtx, makeCtx } from "./context.js";
import { answerProposals, decideCommitments, keepOwnOffers, makeProposals, unInputs } from "./negotiation.js";
import { cnWishes } from "./powers/cn.js";
import { kpWishes } from "./powers/kp.js";
import { krWishes } from "./powers/kr.js";
import { ruWishes } from "./powers/ru.js";
import { usWishes } from "./powers/us.js";

export const STRATEGIES: ByPower<(ctx: BotCtx) => Wish[]> = {
  US: usWishes,
  CN: cnWishes,
  RU: ruWishes,
  KP: kpWishes,
  KR: krWishes,
};

/** Every wish of the seat this round: its promises first, then its strategy. */
export function wishesFor(ctx: BotCtx): Wish[] {
  return [...commitmentWishes(ctx), ...STRATEGIES[ctx.me](ctx)];
}

/**
 * Where every orders decision starts, the rule bot's and the planner's: the answers to proposals,
 * then what the seat wishes to do (the kept terms of its agreements and offers first).
 */
export function orderWishes(
  view: PlayerView,
  me: PowerId,
  personality: BotPersonality,
): { answers: Input[]; wishes: Wish[] } {
  const ctx = makeCtx(view, me, personality);
  const answers = answerProposals(ctx);
  decideCommitments(ctx);
  keepOwnOffers(ctx);
  return { answers, wishes: wishesFor(ctx) };
}

/** The orders the rule bot gives (after answering proposals, whose kept terms it honours). */
export function ruleOrders(
  view: PlayerView,
  me: PowerId,
  personality: BotPersonality,
): { answers: Input[]; actions: Action[] } {
  const { answers, wishes } = orderWishes(view, me, personality);
  return { answers, actions: build(view, me, wishes) };
}

/** Diplomacy: answer proposals, handle UN drafts, make offers. */
export function ruleDiplomacy(view: PlayerView, me: PowerId, personality: BotPersonality): Input[] {
  const ctx = makeCtx(view, me, personality);
  const answers = answerProposals(ctx);
  return [...answers, ...unInputs(ctx), ...makeProposals(ctx)];
}

export function ruleBot(view: PlayerView, me: PowerId, personality: BotPersonality = "pragmatist"): Input[] {
  if (view.phase === "ended") return [];
  if (view.phase === "diplomacy") return ruleDiplomacy(view, me, personality);
  const { answers, actions } = ruleOrders(view, me, personality);
  return [...answers, { type: "submit_orders", orders: { actions } }];
}
