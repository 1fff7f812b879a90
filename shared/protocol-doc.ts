/**
 * The reference half of docs/PROTOCOL.md and the JSON Schema files under docs/schema/, as a pure
 * function of the zod schemas and the scenario's catalogue: the tables of fields, types, ranges and
 * allowed values cannot drift from what the server checks. `npm run protocol` writes them; a test
 * fails when the committed files are stale. The prose around the reference is written by hand.
 */
import { z } from "zod";
import { TERM_PARTIES } from "./engine/diplomacy.js";
import { InputSchema } from "./engine/step.js";
import { AMENDERS, P5 } from "./engine/un.js";
import { ActionSchema } from "./orders.js";
import { POWERS } from "./powers.js";
import {
  ChatHistoryMessageSchema,
  ChatMessageSchema,
  ClientMessages,
  CreateOptionsSchema,
  JoinOptionsSchema,
  LobbyEntrySchema,
  PRESETS,
  ReplySchema,
  RoomStateSchema,
  SeatMessageSchema,
  ViewDeltaSchema,
  ViewMessageSchema,
} from "./protocol.js";
import { ERROR_CODES } from "./result.js";
import type { Scenario } from "./scenario/schema.js";
import { SUMMER_2017 } from "./scenario/summer2017.js";
import { COMMODITY_GROUPS, REGIONS, TERM_KINDS } from "./state.js";

type Json = { [k: string]: unknown };

const schema = (s: z.ZodType, io: "input" | "output"): Json =>
  z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;

/** The scenario's catalogue as data an outside client needs to choose legal moves. */
export function catalogueOf(sc: Scenario = SUMMER_2017): Json {
  return {
    scenario: sc.id,
    actions: sc.actions.map((a) => ({
      type: a.type,
      label: a.label,
      kind: a.kind,
      cost: a.cost,
      powers: a.powers,
      params: a.params,
      repeatable: a.repeatable ?? false,
      effect: a.effect,
    })),
    entities: sc.entities.map((e) => ({ id: e.id, name: e.name, country: e.country, kind: e.kind })),
    illicitNodes: sc.illicit.nodes.map((n) => ({ id: n.id, name: n.name, region: n.region })),
    regions: [...REGIONS],
    commodityGroups: [...COMMODITY_GROUPS],
    templates: Object.fromEntries(
      Object.entries(sc.templates).map(([id, terms]) => [
        id,
        { parties: [...new Set(terms.map((t) => t.party))].sort(byPowerOrder), terms },
      ]),
    ),
    termParties: Object.fromEntries(TERM_KINDS.map((k) => [k, [...TERM_PARTIES[k]]])),
    unPermanentMembers: [...P5],
    unAmenders: [...AMENDERS],
    errorCodes: [...ERROR_CODES],
  };
}

const byPowerOrder = (a: string, b: string) =>
  POWERS.indexOf(a as (typeof POWERS)[number]) - POWERS.indexOf(b as (typeof POWERS)[number]);

/** Every JSON Schema file under docs/schema/, by file name. */
export function jsonSchemas(): Record<string, Json> {
  return {
    "create-options.json": schema(CreateOptionsSchema, "input"),
    "join-options.json": schema(JoinOptionsSchema, "input"),
    "request-orders.json": schema(ClientMessages.orders, "input"),
    "request-ready.json": schema(ClientMessages.ready, "input"),
    "request-chat.json": schema(ClientMessages.chat, "input"),
    "request-act.json": schema(InputSchema, "input"),
    "request-control.json": schema(ClientMessages.control, "input"),
    "action.json": schema(ActionSchema, "input"),
    "reply.json": schema(ReplySchema, "output"),
    "message-seat.json": schema(SeatMessageSchema, "output"),
    "message-view.json": schema(ViewMessageSchema, "output"),
    "message-view_delta.json": schema(ViewDeltaSchema, "output"),
    "message-chat.json": schema(ChatMessageSchema, "output"),
    "message-chat_history.json": schema(ChatHistoryMessageSchema, "output"),
    "room-state.json": schema(RoomStateSchema, "output"),
    "lobby-entry.json": schema(LobbyEntrySchema, "output"),
    "catalogue.json": catalogueOf(),
  };
}

// ── Rendering JSON Schema as Markdown tables ──────────────────────────────────────────────────

const code = (v: unknown) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A one-line type: `integer 0–100`, one of `a`, `b`; `string ≤ 280`; `T[] (1–4)`… */
export function typeOf(s: Json): string {
  if (s.const !== undefined) return code(s.const);
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map(code).join(", ");
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  // A union of many objects (an explanation's reasons) is tabled on its own below the type.
  if (alts && alts.length > 3 && alts.every((a) => a.type === "object"))
    return "object (one of the kinds below)";
  if (alts) return alts.map(typeOf).join(" or ");
  const t = s.type;
  if (t === "integer" || t === "number") {
    const lo = s.minimum ?? s.exclusiveMinimum;
    const hi = s.maximum ?? s.exclusiveMaximum;
    const base = t === "integer" ? "integer" : "number";
    if (lo !== undefined && hi !== undefined && Math.abs(Number(hi)) < 1e15) return `${base} ${lo}–${hi}`;
    if (lo !== undefined && Math.abs(Number(lo)) < 1e15) return `${base} ≥ ${lo}`;
    return base;
  }
  if (t === "string") {
    const parts = ["string"];
    if (s.minLength !== undefined && s.maxLength !== undefined)
      parts.push(s.minLength === s.maxLength ? `of ${s.maxLength}` : `${s.minLength}–${s.maxLength} chars`);
    else if (s.maxLength !== undefined) parts.push(`≤ ${s.maxLength} chars`);
    if (s.pattern) parts.push(`matching ${code(s.pattern)}`);
    return parts.join(" ");
  }
  if (t === "boolean") return "boolean";
  if (t === "null") return "null";
  if (t === "array") {
    const items = `[${((s.prefixItems ?? []) as Json[]).map(typeOf).join(", ")}]`;
    const lo = s.minItems as number | undefined;
    const hi = s.maxItems as number | undefined;
    const n = lo !== undefined && hi !== undefined ? ` (${lo}–${hi})` : hi !== undefined ? ` (≤ ${hi})` : "";
    if (s.prefixItems) return items;
    const inner = s.items ? typeOf(s.items as Json) : "any";
    if (inner === "object (below)") return `object[]${n} (below)`;
    return `${inner.includes(" ") ? `(${inner})[]` : `${inner}[]`}${n}`;
  }
  if (t === "object") {
    const per = perPower(s);
    if (per) return `one per power: ${typeOf(per)}`;
    if (s.properties) return "object (below)";
    if (s.additionalProperties && typeof s.additionalProperties === "object")
      return `map of ${typeOf(s.additionalProperties as Json)}`;
    return "object";
  }
  return "any";
}

/** A type on one line, objects spelled out (`{ a: integer, b?: string }`) a few levels deep. */
function inline(s: Json, depth = 0): string {
  const p = unwrapNullable(s);
  if (p.type === "object" && p.properties && depth < 3 && !perPower(p)) {
    const req = new Set((p.required ?? []) as string[]);
    const fields = Object.entries(p.properties as Record<string, Json>).map(
      ([n, f]) => `${n}${req.has(n) ? "" : "?"}: ${inline(f, depth + 1)}`,
    );
    return `{ ${fields.join(", ")} }`;
  }
  if (p.type === "array" && (p.items as Json | undefined)?.properties && depth < 3) {
    const n = p.maxItems !== undefined ? ` (≤ ${p.maxItems})` : "";
    return `${inline(p.items as Json, depth + 1)}[]${n}`;
  }
  return typeOf(s);
}

/** Rows for an object schema's fields (nested objects get their own dotted rows). */
function fieldRows(s: Json, prefix = ""): string[] {
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  const rows: string[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const p = unwrapNullable(raw);
    const dflt = raw.default !== undefined ? code(raw.default) : required.has(name) ? "required" : "optional";
    const desc = (raw.description ?? p.description ?? "") as string;
    rows.push(`| \`${prefix}${name}\` | ${cell(typeOf(raw))} | ${dflt} | ${cell(desc)} |`);
    const per = perPower(p);
    if (per?.properties) rows.push(...fieldRows(per, `${prefix}${name}.<power>.`));
    else if (p.type === "object" && p.properties && !per) rows.push(...fieldRows(p, `${prefix}${name}.`));
    if (p.type === "array" && (p.items as Json | undefined)?.properties)
      rows.push(...fieldRows(p.items as Json, `${prefix}${name}[].`));
  }
  return rows;
}

/** The value schema of an object keyed by the five powers (`{ US: T, CN: T, … }`), if it is one. */
function perPower(s: Json): Json | undefined {
  const props = s.properties as Record<string, Json> | undefined;
  if (!props) return undefined;
  const keys = Object.keys(props);
  if (keys.length !== POWERS.length || !POWERS.every((p) => keys.includes(p))) return undefined;
  const first = JSON.stringify(props.US);
  return keys.every((k) => JSON.stringify(props[k]) === first) ? props.US : undefined;
}

function unwrapNullable(s: Json): Json {
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alts?.length === 2) {
    const other = alts.find((a) => a.type !== "null");
    if (other && alts.some((a) => a.type === "null")) return other;
  }
  return s;
}

/** One row per kind of reason an explanation part can be: its `why`s and the fields that fill it. */
function reasonRows(view: Json): string[] {
  const explanations = (view.properties as Record<string, Json>).explanations!;
  const parts = ((explanations.items as Json).properties as Record<string, Json>).parts!;
  const kinds = ((parts.items as Json).anyOf ?? (parts.items as Json).oneOf) as Json[];
  const rows = ["| `why` | fields |", "|---|---|"];
  for (const k of kinds) {
    const props = k.properties as Record<string, Json>;
    const why = typeOf(props.why!);
    const fields = Object.entries(props)
      .filter(([n]) => n !== "why" && n !== "visibleTo" && n !== "delta")
      .map(([n, f]) => `\`${n}\`: ${typeOf(f)}${f.description ? ` (${f.description as string})` : ""}`);
    rows.push(`| ${cell(why)} | ${cell(fields.join("; ") || "—")} |`);
  }
  return rows;
}

function table(s: Json): string[] {
  return ["| field | type | default | meaning |", "|---|---|---|---|", ...fieldRows(s)];
}

/** One row per member of a discriminated union: its `type` and its other fields. */
function unionRows(s: Json, key: string, extra: (tag: string) => string[] = () => []): string[] {
  const members = (s.oneOf ?? s.anyOf ?? []) as Json[];
  return members.map((m) => {
    const props = (m.properties ?? {}) as Record<string, Json>;
    const req = new Set((m.required ?? []) as string[]);
    const tag = String((props[key] as Json).const);
    const fields = Object.entries(props)
      .filter(([n]) => n !== key && n !== "rationale")
      .map(([n, p]) => `\`${n}\`${req.has(n) ? "" : "?"}: ${inline(p)}`)
      .join("; ");
    const more = extra(tag).map(cell);
    return `| \`${tag}\` | ${cell(fields || "—")} |${more.map((m) => ` ${m} |`).join("")}`;
  });
}

const NAMES: Record<string, string> = {
  US: "US",
  CN: "China",
  RU: "Russia",
  KP: "North Korea",
  KR: "South Korea",
};

/** The generated reference section of docs/PROTOCOL.md. */
export function renderProtocolReference(sc: Scenario = SUMMER_2017): string {
  const js = jsonSchemas();
  const cat = catalogueOf(sc) as {
    actions: { type: string; cost: number; powers: string[]; kind: string }[];
    entities: { id: string; name: string; country: string; kind: string }[];
    illicitNodes: { id: string; region: string }[];
    templates: Record<
      string,
      { parties: string[]; terms: { kind: string; party: string; level?: number }[] }
    >;
  };
  const L: string[] = [];
  const h = (t: string) => L.push(`### ${t}`, "");
  L.push("<!-- reference:start — generated by `npm run protocol` from shared/; do not edit by hand. -->", "");
  L.push("## Reference", "");
  L.push(
    "Every table below is generated from the zod schemas the server validates with and from the scenario's catalogue. The same schemas are in [docs/schema/](schema/) as JSON Schema (draft 2020-12): one file per message, plus `catalogue.json` (actions, entities, templates, regions, who may commit to which term).",
    "",
  );

  h('Create options — `client.create("game", options)` (`create-options.json`)');
  L.push(...table(js["create-options.json"]!), "");
  L.push(
    `Presets: ${Object.entries(PRESETS)
      .map(([k, p]) => `\`${k}\` ${p.rounds} rounds, ${p.diplomacySeconds} s + ${p.ordersSeconds} s`)
      .join("; ")}.`,
    "",
  );
  h("Join options — `client.joinById(code, options)` (`join-options.json`)");
  L.push(...table(js["join-options.json"]!), "");

  h("Requests — `room.request(type, payload)`");
  L.push("| type | schema file |", "|---|---|");
  for (const t of Object.keys(ClientMessages)) L.push(`| \`${t}\` | \`request-${t}.json\` |`);
  L.push("");
  L.push("`ready`, `chat`:", "");
  L.push(...table(js["request-ready.json"]!), "");
  L.push(...table(js["request-chat.json"]!), "");
  L.push("`control` — one of:", "");
  L.push("| `command` | fields |", "|---|---|");
  L.push(...unionRows(js["request-control.json"]!, "command"), "");

  h("Actions — the `orders` payload `{ actions: Action[] }` (≤ 12) (`action.json`)");
  L.push(
    "Every action may carry `rationale` (string ≤ 500 chars), kept in the record. `kind`: a *policy* stands until changed; a *move* happens once.",
    "",
  );
  L.push("| `type` | parameters | kind | cost | who |", "|---|---|---|---|---|");
  const byType = new Map(cat.actions.map((a) => [a.type, a]));
  L.push(
    ...unionRows(js["action.json"]!, "type", (t) => {
      const a = byType.get(t);
      return a ? [a.kind, String(a.cost), a.powers.map((p) => NAMES[p]).join(", ")] : ["—", "—", "—"];
    }),
    "",
  );
  L.push("Values of the parameters that name something:", "");
  L.push(`- \`region\`: ${REGIONS.map(code).join(", ")}.`);
  L.push(`- \`commodityGroup\`: ${COMMODITY_GROUPS.map(code).join(", ")}.`);
  L.push(
    `- \`designate.entity\`: ${cat.entities.map((e) => `${code(e.id)} (${e.name}, ${e.country} ${e.kind})`).join("; ")}. An entity already designated is refused \`bad_target\`.`,
  );
  L.push(
    `- \`expose.node\`: the \`id\` of a node in your view's \`illicitNodes\` (nodes you know of). At the start: ${cat.illicitNodes.map((n) => `${code(n.id)} (${n.region})`).join(", ")}; nodes opened in play get new ids.`,
  );
  L.push("- `summit.target`: another power's code; `retaliate.target`: `US` or `KR`.");
  L.push(
    "- `level` (trade, inspections, pipeline, fuel sales, labourers, engagement) is a share 0–100 of the base volume or effort; `set_enforcement.announced` and `.target` are 0–100 and `sustain: true` pays the upkeep that holds achieved enforcement at the target (docs/RULES.md).",
  );
  L.push("");

  h("Engine inputs — the `act` payload (`request-act.json`)");
  L.push("| `type` | fields |", "|---|---|");
  L.push(
    ...unionRows(js["request-act.json"]!, "type").filter(
      (r) => !r.startsWith("| `submit_orders`") && !r.startsWith("| `advance_phase`"),
    ),
    "",
  );
  L.push(
    `Who may send which: \`propose\` and \`respond_proposal\` any power (a party, for the answer); \`table_un_draft\` and \`vote_un_draft\` the permanent members ${P5.map(code).join(", ")} (others: \`not_p5\`); \`amend_un_draft\` ${AMENDERS.map(code).join(", ")} (others: \`not_amendable\`; an amendment that does not lower the strength: \`bad_level\`); \`control_*\` Control only (\`control_only\`). \`submit_orders\` is sent as the \`orders\` request; \`advance_phase\` as the \`control\` command \`advance\`.`,
    "",
  );
  L.push(
    `\`control_inject.inject\`: a scenario inject by id — ${(sc.injects ?? []).map((i) => code(i.id)).join(", ")}; or \`custom\` with a title, a text and effects. \`control_adjudicate.matrixId\`: the \`id\` of a pending item in Control's view \`matrix\`.`,
    "",
  );
  L.push(
    "Agreement templates (`propose.template`): the template's terms are added before your own `terms`, and every power that commits to a term must be among the parties (the proposer plus `parties`), or the proposal is refused `bad_terms`.",
    "",
  );
  L.push("| template | parties it needs | terms it adds |", "|---|---|---|");
  for (const [id, t] of Object.entries(cat.templates))
    L.push(
      `| \`${id}\` | ${t.parties.map(code).join(", ")} | ${t.terms.map((x) => `${x.party} ${x.kind}${x.level !== undefined ? ` ${x.level}` : ""}`).join("; ")} |`,
    );
  L.push("");
  L.push(
    "Who may commit to each kind of term (`terms[].party`); `level` is 0–100 where a kind takes one:",
    "",
  );
  L.push("| term kind | parties |", "|---|---|");
  for (const k of TERM_KINDS) L.push(`| \`${k}\` | ${TERM_PARTIES[k].map(code).join(", ")} |`);
  L.push("");

  h("Replies (`reply.json`)");
  L.push(
    "Every request is answered `{ ok: true }` (some with a `value`) or `{ ok: false, error: { code, message } }`. Codes:",
    "",
  );
  L.push(ERROR_CODES.map(code).join(", "), "");

  h("Server messages");
  L.push("| message | schema file |", "|---|---|");
  for (const m of ["seat", "view", "view_delta", "chat_history", "chat"])
    L.push(`| \`${m}\` | \`message-${m}.json\` |`);
  L.push("");
  L.push("`seat`:", "", ...table(js["message-seat.json"]!), "");
  L.push("`chat` (and each item of `chat_history.messages`):", "", ...table(js["message-chat.json"]!), "");

  h("The room state — `room.state` (`room-state.json`)");
  L.push(...table(js["room-state.json"]!), "");

  h("The view — `PlayerView` (`message-view.json`)");
  L.push(
    "What one seat may know of the game, computed by the engine's `viewFor`. Fields marked for some seats only are absent for the others.",
    "",
  );
  const view = ((js["message-view.json"]!.properties as Json).view ?? {}) as Json;
  L.push(...table(view), "");
  L.push(
    "Reasons (`explanations[].parts[]`): every part has `why`, `visibleTo` and, where it moved the index by a known amount, `delta`; the other fields by `why`:",
    "",
    ...reasonRows(view),
    "",
  );

  h("The lobby — `GET /api/lobby` → `{ games: LobbyEntry[] }` (`lobby-entry.json`)");
  L.push(...table(js["lobby-entry.json"]!), "");
  L.push("<!-- reference:end -->");
  return L.join("\n");
}

/** docs/PROTOCOL.md with its reference section replaced by a freshly generated one. */
export function withReference(doc: string, sc: Scenario = SUMMER_2017): string {
  const start = doc.indexOf("<!-- reference:start");
  const endMark = "<!-- reference:end -->";
  const end = doc.indexOf(endMark);
  const ref = renderProtocolReference(sc);
  if (start < 0 || end < 0) return `${doc.trimEnd()}\n\n${ref}\n`;
  return doc.slice(0, start) + ref + doc.slice(end + endMark.length);
}
