/**
 * Who may know each piece of the game state: the specification `viewFor` is held to.
 *
 * `knowledgeOf(state, path)` classifies one leaf of the state (a path of keys and indices from the
 * root) for every seat. It reads the state's own visibility tags — `visibleTo` on events and
 * explanations, `knownBy` on illicit nodes, `parties` on proposals, `power` on matrix items, the
 * power keys of per-power records — and this file declares the rest. Anything not declared here is
 * known to nobody (not even Control): a new field is private until someone decides who may see it.
 *
 * The secrecy test (tests/engine/secrecy.test.ts) walks a state, changes every leaf a seat may not
 * know, and requires that seat's view to stay the same. `viewFor` is the implementation; this is the
 * contract, written separately so a slip in one is caught by the other.
 */
import { PUBLIC_POLICIES } from "./engine/policies.js";
import { isPower, type PowerId, type Seat } from "./powers.js";
import type { GameState, Region, Visibility } from "./state.js";

/**
 * Where a secret is released on purpose, by design, to seats that cannot read it:
 * - `implied_range`: another power's achieved enforcement, as a range whose width shrinks with the
 *   seer's intelligence and whose offset is that round's noise (DESIGN §7: intelligence).
 * - `final_grades`: once the game has ended, every power's objectives are graded openly.
 */
export type Release = "implied_range" | "final_grades";

export interface Knowledge {
  /** The seats that may read the leaf. */
  readers: readonly Seat[];
  /** Channels through which the other seats may learn something of it (see `Release`). */
  releasedBy: readonly Release[];
}

export type StatePath = readonly (string | number)[];

const CONTROL_ONLY: readonly Seat[] = ["CONTROL"];
const EVERYONE: readonly Seat[] = ["US", "CN", "RU", "KP", "KR", "CONTROL", "OBSERVER"];
const NOBODY: readonly Seat[] = [];

const know = (readers: readonly Seat[], ...releasedBy: Release[]): Knowledge => ({ readers, releasedBy });
const ownerAndControl = (p: string | number | undefined): readonly Seat[] =>
  isPower(String(p)) ? [p as PowerId, "CONTROL"] : CONTROL_ONLY;
const byTag = (v: Visibility): readonly Seat[] => (v === "all" ? EVERYONE : [...v, "CONTROL"]);
const intersect = (a: readonly Seat[], b: readonly Seat[]): readonly Seat[] => a.filter((x) => b.includes(x));

/** Regions whose illicit trade runs along a flow policed by this power (engine/illicit.ts). */
const ILLICIT_REGIONS: Partial<Record<PowerId, readonly Region[]>> = {
  RU: ["vladivostok"],
  CN: ["dandong", "yellow_sea", "east_china_sea"],
};

/** Everyone, once the game has ended (the final grading reveals what objectives read). */
function withEnd(state: GameState, k: Knowledge): Knowledge {
  return state.phase === "ended" ? { readers: k.readers, releasedBy: [...k.releasedBy, "final_grades"] } : k;
}

// Top-level fields everyone may read in full.
const PUBLIC_FIELDS: ReadonlySet<string> = new Set([
  "gameId",
  "scenario",
  "round",
  "maxRounds",
  "phase",
  "powers",
  "programme",
  "crisis",
  "relations",
  "tension",
  "sanctions",
  "agreements",
  "drafts",
  "published",
  "ending",
]);

// Counters of public acts the objectives are measured from; the others are private (objectives.ts).
const PRIVATE_TRACKS: Readonly<Record<string, readonly Seat[]>> = {
  minNkStability: ["KP", "CONTROL"],
  cnHighStreak: ["CN", "CONTROL"],
  maxCnHighStreak: ["CN", "CONTROL"],
};

const PUBLIC_FLOW_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "from",
  "to",
  "commodity",
  "base",
  "official",
  "enforcedBy",
  "fromKP",
]);

const PUBLIC_HISTORY_FIELDS: ReadonlySet<string> = new Set([
  "round",
  "crisis",
  "stage",
  "readiness",
  "tension",
  "powers",
  "announced",
  "officialTrade",
]);
const PRIVATE_HISTORY_FIELDS: Readonly<Record<string, readonly Seat[]>> = {
  illicitTrade: ["KP", "CONTROL"],
  nk: ["KP", "CONTROL"],
  discontent: ["CN", "CONTROL"],
  borderTrade: ["CN", "CONTROL"],
  ruTrade: ["RU", "CONTROL"],
};

/** Who may know the leaf of `state` at `path`. */
export function knowledgeOf(state: GameState, path: StatePath): Knowledge {
  const [top, a, b, c, d] = path;
  const key = String(top);
  if (PUBLIC_FIELDS.has(key)) return know(EVERYONE);
  switch (key) {
    case "enforcement":
      // Announced enforcement is public; the rest is the power's own. Others see achieved
      // enforcement only as the implied range.
      if (b === "announced") return know(EVERYONE);
      return withEnd(
        state,
        b === "actual" ? know(ownerAndControl(a), "implied_range") : know(ownerAndControl(a)),
      );
    case "policies":
      if ((PUBLIC_POLICIES as readonly unknown[]).includes(b)) return know(EVERYONE);
      return know(ownerAndControl(a));
    case "nk":
      return withEnd(state, know(["KP", "CONTROL"]));
    case "discontent":
      return withEnd(state, know(["CN", "CONTROL"]));
    case "pressure":
    case "intel":
      return know(ownerAndControl(a));
    case "intelNoise":
      // Nobody reads the noise itself; it offsets the ranges others see of the power's enforcement.
      return know(NOBODY, "implied_range");
    case "agendas":
      return state.phase === "ended" ? know(EVERYONE) : know(ownerAndControl(a));
    case "orders":
      return know(ownerAndControl(a));
    case "matrix":
      return know(ownerAndControl(state.matrix[Number(a)]?.power));
    case "control":
      return know(CONTROL_ONLY);
    case "proposals": {
      const p = state.proposals[Number(a)];
      return know(p ? [...p.parties, "CONTROL"] : CONTROL_ONLY);
    }
    case "missileDefence":
      return a === "launchers" ? know(EVERYONE) : know(NOBODY);
    case "tracks":
      return withEnd(state, know(PRIVATE_TRACKS[String(a)] ?? EVERYONE));
    case "flows": {
      if (PUBLIC_FLOW_FIELDS.has(String(b))) return know(EVERYONE);
      if (b !== "illicit") return know(NOBODY);
      const f = state.flows[Number(a)];
      const regions = (f && ILLICIT_REGIONS[f.enforcedBy]) ?? [];
      const knowers = new Set<Seat>(["KP", "CONTROL"]);
      for (const n of state.illicit.nodes)
        if (regions.includes(n.region)) for (const p of n.knownBy) knowers.add(p);
      return withEnd(state, know([...knowers]));
    }
    case "illicit": {
      if (a !== "nodes") return withEnd(state, know(NOBODY));
      const n = state.illicit.nodes[Number(b)];
      const knowers: Seat[] = ["KP", "CONTROL", ...(n?.knownBy ?? [])];
      // Who else knows of a node is Control's business only; a power knows its own entry.
      if (c === "knownBy")
        return withEnd(state, know(["CONTROL", ...ownerAndControl(n?.knownBy[Number(d)])]));
      return withEnd(state, know(knowers));
    }
    case "events": {
      const e = state.events[Number(a)];
      return know(e ? byTag(e.visibleTo) : CONTROL_ONLY);
    }
    case "explanations": {
      const x = state.explanations[Number(a)];
      if (!x) return know(CONTROL_ONLY);
      const outer = byTag(x.visibleTo);
      if (b !== "parts") return know(outer);
      const part = x.parts[Number(c)];
      return know(part ? intersect(outer, byTag(part.visibleTo)) : outer);
    }
    case "history": {
      const field = String(b);
      if (PUBLIC_HISTORY_FIELDS.has(field)) return know(EVERYONE);
      if (field === "actual") return withEnd(state, know(ownerAndControl(c)));
      return withEnd(state, know(PRIVATE_HISTORY_FIELDS[field] ?? NOBODY));
    }
    default:
      // rng, seq, defences and any field nobody has classified yet.
      return withEnd(state, know(NOBODY));
  }
}
