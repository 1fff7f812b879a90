/**
 * The UN Security Council (DESIGN §2, §3). A permanent member tables a draft (commodity groups and
 * a strength); China and Russia may soften it before the vote; any permanent member's "no" is a
 * veto. Drafts are decided when diplomacy ends. An adopted resolution bans its share of the covered
 * trade and adds pressure to every power's enforcement baseline.
 */

import type { PowerId } from "../powers.js";
import { err, ok, type Result } from "../result.js";
import type {
  CommodityGroup,
  EventKind,
  EventRecord,
  GameState,
  Resolution,
  UnDraft,
  Vote,
} from "../state.js";
import { cloneState } from "./copy.js";
import { addPressure } from "./enforcement.js";
import { clamp } from "./math.js";

/** The permanent members among the five (the other council members are not played). */
export const P5: readonly PowerId[] = ["US", "CN", "RU"];
/** Who may soften a draft before the vote (as China and Russia did with every 2017 resolution). */
export const AMENDERS: readonly PowerId[] = ["CN", "RU"];

export function isP5(p: string): p is PowerId {
  return (P5 as readonly string[]).includes(p);
}

export function tableDraft(
  state: GameState,
  by: PowerId,
  groups: CommodityGroup[],
  strength: number,
): Result<GameState> {
  if (!isP5(by)) return err("not_p5", "Only a permanent member of the Security Council tables drafts.");
  if (state.phase !== "diplomacy") return err("wrong_phase", "UN drafts are tabled during diplomacy.");
  if (state.drafts.some((d) => d.status === "open" && d.by === by))
    return err("rate_limited", "You already have a draft on the table.");
  const draft: UnDraft = {
    id: `D${state.seq}`,
    by,
    round: state.round,
    groups: [...new Set(groups)],
    strength,
    tabledStrength: strength,
    amendedBy: [],
    votes: { [by]: "yes" },
    status: "open",
  };
  const next = cloneState(state);
  next.seq = state.seq + 1;
  next.drafts = [...state.drafts, draft];
  next.events = [
    ...state.events,
    ev(state, "draft_tabled", { id: draft.id }, { by, groups: draft.groups.join(", "), strength }),
  ];
  return ok(next);
}

export function amendDraft(state: GameState, by: PowerId, id: string, strength: number): Result<GameState> {
  if (!AMENDERS.includes(by)) return err("not_amendable", "Only China and Russia soften drafts.");
  if (state.phase !== "diplomacy") return err("wrong_phase", "Drafts are amended during diplomacy.");
  const i = state.drafts.findIndex((d) => d.id === id);
  const d = state.drafts[i];
  if (!d) return err("not_found", `No draft ${id}.`);
  if (d.status !== "open") return err("already_decided", `Draft ${id} is ${d.status}.`);
  if (strength >= d.strength) return err("bad_level", "An amendment can only soften a draft.");
  const drafts = [...state.drafts];
  // Votes already cast were for the stronger text: all but the sponsor's are void.
  drafts[i] = { ...d, strength, amendedBy: [...new Set([...d.amendedBy, by])], votes: { [d.by]: "yes" } };
  const next = cloneState(state);
  next.drafts = drafts;
  next.events = [...state.events, ev(state, "draft_amended", { id }, { by, from: d.strength, to: strength })];
  return ok(next);
}

export function voteDraft(state: GameState, by: PowerId, id: string, vote: Vote): Result<GameState> {
  if (!isP5(by)) return err("not_p5", "Only permanent members vote in this game.");
  if (state.phase !== "diplomacy") return err("wrong_phase", "Drafts are voted on during diplomacy.");
  const i = state.drafts.findIndex((d) => d.id === id);
  const d = state.drafts[i];
  if (!d) return err("not_found", `No draft ${id}.`);
  if (d.status !== "open") return err("already_decided", `Draft ${id} is ${d.status}.`);
  const drafts = [...state.drafts];
  drafts[i] = { ...d, votes: { ...d.votes, [by]: vote } };
  const next = cloneState(state);
  next.drafts = drafts;
  next.events = [...state.events, ev(state, "un_vote", { id, vote }, { by })];
  return ok(next);
}

/**
 * Decides every open draft at the end of diplomacy. A permanent member who has not voted abstains.
 * Mutates `s`, which must be a fresh copy owned by the caller.
 */
export function decideDrafts(s: GameState): void {
  const drafts: UnDraft[] = [];
  for (const d of s.drafts) {
    if (d.status !== "open") {
      drafts.push(d);
      continue;
    }
    const vetoes = P5.filter((p) => d.votes[p] === "no");
    if (vetoes.length > 0) {
      drafts.push({ ...d, status: "vetoed" });
      s.events.push(ev(s, "draft_vetoed", { id: d.id, by: vetoes.join(",") }, { by: vetoes.join(" and ") }));
      continue;
    }
    drafts.push({ ...d, status: "adopted" });
    const res: Resolution = {
      id: `res-${d.id}`,
      name: `Resolution ${d.id} (round ${s.round})`,
      round: s.round,
      by: d.by,
      groups: d.groups,
      strength: d.strength,
    };
    s.sanctions = { ...s.sanctions, resolutions: [...s.sanctions.resolutions, res] };
    s.pressure = { ...s.pressure };
    for (const p of ["CN", "RU", "KR", "US"] as PowerId[])
      addPressure(s, p, clamp(Math.trunc(d.strength / 4), 0, 25));
    if (d.votes.RU !== "yes") s.tracks = { ...s.tracks, adoptedOverRussia: s.tracks.adoptedOverRussia + 1 };
    s.events.push(
      ev(
        s,
        "resolution_adopted",
        { id: d.id, strength: d.strength },
        { name: res.name, groups: d.groups.join(", "), tabled: d.tabledStrength },
      ),
    );
  }
  s.drafts = drafts;
}

function ev(
  s: GameState,
  kind: EventKind,
  data: Record<string, string | number>,
  extra: Record<string, string | number>,
): EventRecord {
  return { round: s.round, kind, data, extra, visibleTo: "all" };
}
