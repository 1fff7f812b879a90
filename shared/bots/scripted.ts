/**
 * Fixed US policies for the "no good options" check (DESIGN §5, dynamic 10): each plays the same
 * line whatever happens, against adaptive bots in the other seats. They go through the same
 * `BotPolicy` interface as every bot (a view in, inputs out).
 */
import type { Input } from "../engine/step.js";
import type { PlayerView } from "../view.js";
import { build, type Wish } from "./builder.js";
import { ruleBot } from "./rules.js";
import type { BotPolicy } from "./simple.js";

export const US_POLICIES = ["pressure", "engagement", "recognition", "mixed"] as const;
export type UsPolicy = (typeof US_POLICIES)[number];

const ENTITIES = [
  "kp_banks_abroad",
  "cn_regional_bank",
  "shipping_network",
  "cn_coal_importers",
  "ru_fuel_traders",
  "cn_state_bank",
];

function orders(view: PlayerView, wishes: Wish[]): Input {
  return { type: "submit_orders", orders: { actions: build(view, "US", wishes) } };
}

function accept(view: PlayerView, yes: (terms: PlayerView["proposals"][number]) => boolean): Input[] {
  return view.proposals
    .filter((p) => p.status === "open" && !p.accepted.includes("US"))
    .map((p) => ({ type: "respond_proposal", id: p.id, accept: yes(p) }) as Input);
}

const pressure: BotPolicy = (view) => {
  if (view.phase === "ended") return [];
  if (view.phase === "diplomacy") {
    const out: Input[] = accept(view, () => false);
    for (const d of view.drafts)
      if (d.status === "open" && d.by !== "US") out.push({ type: "vote_un_draft", id: d.id, vote: "yes" });
    if (!view.drafts.some((d) => d.status === "open" && d.by === "US"))
      out.push({ type: "table_un_draft", groups: ["minerals", "textiles_seafood", "fuel"], strength: 100 });
    return out;
  }
  const entity = ENTITIES.find((id) => !view.sanctions.designations.some((d) => d.entity === id));
  const w: Wish[] = [
    { action: { type: "show_of_force" }, priority: 80 },
    { action: { type: "set_exercises", on: true }, priority: 70 },
  ];
  if (entity) w.push({ action: { type: "designate", entity }, priority: 90 });
  for (const n of view.illicitNodes) w.push({ action: { type: "expose", node: n.id }, priority: 50 });
  return [orders(view, w)];
};

const engagement: BotPolicy = (view) => {
  if (view.phase === "ended") return [];
  if (view.phase === "diplomacy") {
    const out: Input[] = accept(
      view,
      (p) => !p.terms.some((t) => t.party === "US" && t.kind === "recognition"),
    );
    for (const d of view.drafts)
      if (d.status === "open" && d.by !== "US")
        out.push({ type: "vote_un_draft", id: d.id, vote: "abstain" });
    out.push({
      type: "propose",
      parties: ["KP"],
      terms: [
        { kind: "no_tests", party: "KP" },
        { kind: "summit", party: "US" },
        { kind: "relief", party: "US", level: 60 },
      ],
      duration: 2,
    });
    return out;
  }
  const w: Wish[] = [
    { action: { type: "summit", target: "KP" }, priority: 90 },
    { action: { type: "humanitarian_aid" }, priority: 60 },
    {
      action: { type: "set_enforcement", announced: 60, target: 60, sustain: false },
      priority: view.enforcement.US.announced > 60 ? 85 : 0,
    },
  ];
  if (view.policies.US.exercises) w.push({ action: { type: "set_exercises", on: false }, priority: 80 });
  return [...accept(view, () => true), orders(view, w)];
};

const recognition: BotPolicy = (view) => {
  if (view.phase === "ended") return [];
  if (view.phase === "diplomacy") return accept(view, () => true);
  const w: Wish[] = [{ action: { type: "summit", target: "KP" }, priority: 60 }];
  if (view.round === 1) w.push({ action: { type: "recognise_nuclear_state" }, priority: 95 });
  if (view.policies.US.exercises) w.push({ action: { type: "set_exercises", on: false }, priority: 80 });
  return [orders(view, w)];
};

/** Pressure until stage 5 is shown, then talks (a fixed switch, not an adaptive bot). */
const mixed: BotPolicy = (view, power, p) =>
  view.programme.stage < 5
    ? pressure(view, power, p)
    : view.phase === "diplomacy"
      ? engagement(view, power, p)
      : ruleBot(view, power, "dove");

export const SCRIPTED_US: Record<UsPolicy, BotPolicy> = { pressure, engagement, recognition, mixed };
