/**
 * An outside developer can write a bot from the docs: this client knows the game only through the
 * generated JSON Schemas in docs/schema/ (it imports nothing from shared/). It starts a real server,
 * creates a game as the US with bots in the other seats, and plays it to the end — choosing its
 * moves from catalogue.json and filling their parameters from action.json — while checking every
 * message it sends and receives against its schema.
 */
import "../../server/polyfill.js";
import fs from "node:fs";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import jsonpatch, { type Operation } from "fast-json-patch";
import { inflateSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, startServer } from "../support/harness.js";

type Json = Record<string, unknown>;
const DIR = path.resolve("docs/schema");
const file = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();
function valid(name: string, value: unknown): boolean {
  const v = validators.get(name) ?? ajv.compile(file(name));
  validators.set(name, v);
  const ok = v(value);
  if (!ok) problems.push(`${name}: ${ajv.errorsText(v.errors)} in ${JSON.stringify(value).slice(0, 300)}`);
  return ok;
}
const problems: string[] = [];

interface Catalogue {
  actions: { type: string; kind: string; cost: number; powers: string[] }[];
  entities: { id: string; country: string }[];
  templates: Record<string, { parties: string[] }>;
  unPermanentMembers: string[];
  commodityGroups: string[];
}
const catalogue = file("catalogue.json") as unknown as Catalogue;
const actionMembers = (file("action.json").oneOf ?? file("action.json").anyOf) as Json[];

/** A value for one parameter, from its JSON Schema and what the view shows. */
function valueFor(name: string, s: Json, view: Json): unknown {
  if (name === "entity") {
    const done = new Set(
      ((view.sanctions as Json).designations as { entity: string }[]).map((d) => d.entity),
    );
    return catalogue.entities.find((e) => !done.has(e.id))?.id;
  }
  if (name === "node") return ((view.illicitNodes as { id: string }[])[0] ?? {}).id;
  if (name === "target" && Array.isArray(s.enum)) return (s.enum as string[]).find((p) => p !== "US");
  if (name === "text") return "We stand by our allies.";
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.type === "integer") return Math.round(((s.minimum as number) + (s.maximum as number)) / 2);
  if (s.type === "boolean") return true;
  return undefined;
}

/** Up to `budget` points of the US's catalogue actions, each filled in from its schema. */
function chooseOrders(view: Json, round: number, budget: number): Json[] {
  const mine = catalogue.actions.filter((a) => a.powers.includes("US") && a.cost > 0);
  const out: Json[] = [];
  let spent = 0;
  for (let i = 0; i < mine.length && out.length < 3; i++) {
    const spec = mine[(round * 3 + i) % mine.length]!;
    if (spent + spec.cost > budget) continue;
    const member = actionMembers.find((m) => ((m.properties as Json).type as Json).const === spec.type)!;
    const action: Json = { type: spec.type, rationale: `round ${round}` };
    let complete = true;
    for (const name of (member.required ?? []) as string[]) {
      if (name === "type") continue;
      const v = valueFor(name, (member.properties as Record<string, Json>)[name]!, view);
      if (v === undefined) complete = false;
      else action[name] = v;
    }
    if (!complete || !valid("action.json", action)) continue;
    out.push(action);
    spent += spec.cost;
  }
  return out;
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ client: false });
});
afterAll(async () => {
  await server?.stop();
});

test("a client written from docs/schema alone plays a whole game as the US", async () => {
  const options = { name: "Outside bot", power: "US", preset: "quick", fillWithBots: true };
  expect(valid("create-options.json", options)).toBe(true);
  const client = new Client(server.url.replace("http", "ws"));
  const room: Room = await client.create("game", options);
  let view: Json | null = null;
  let seat: Json | null = null;
  const received = { seat: 0, view: 0, view_delta: 0, chat_history: 0, chat: 0 };
  let wake: () => void = () => {};
  room.onMessage("seat", (m: Json) => {
    received.seat++;
    valid("message-seat.json", m);
    seat = m;
  });
  room.onMessage("chat_history", (m: Json) => {
    received.chat_history++;
    valid("message-chat_history.json", m);
  });
  room.onMessage("chat", (m: Json) => {
    received.chat++;
    valid("message-chat.json", m);
  });
  // The view arrives whole once, then as RFC 6902 deltas; large messages as JSON bytes deflated
  // with the preset dictionary published beside the schemas.
  let seq = -1;
  const dictionary = new Uint8Array(fs.readFileSync(path.join(DIR, "view-dictionary.txt")));
  let deflated = 0;
  const decode = (raw: unknown): Json => {
    if (!(raw instanceof Uint8Array)) return raw as Json;
    deflated++;
    return JSON.parse(strFromU8(inflateSync(raw, { dictionary }))) as Json;
  };
  room.onMessage("view", (raw: unknown) => {
    const m = decode(raw);
    received.view++;
    valid("message-view.json", m);
    view = m.view as Json;
    seq = m.seq as number;
    wake();
  });
  room.onMessage("view_delta", (raw: unknown) => {
    const m = decode(raw);
    received.view_delta++;
    valid("message-view_delta.json", m);
    if (!view || m.seq !== seq + 1) {
      problems.push(`view_delta ${String(m.seq)} after ${seq}`);
      return;
    }
    view = jsonpatch.applyPatch(view, m.ops as Operation[], false, false).newDocument;
    seq = m.seq as number;
    // The copy rebuilt from deltas is a whole view that fits the schema.
    valid("message-view.json", { seq, view });
    wake();
  });
  const nextView = (pred: (v: Json) => boolean) =>
    new Promise<Json>((resolve) => {
      const check = () => {
        if (view && pred(view)) resolve(view);
        else wake = check;
      };
      check();
    });
  const request = async (type: string, payload: Json, schema: string): Promise<Json> => {
    expect(valid(schema, payload)).toBe(true);
    const reply = (await room.request(type, payload)) as Json;
    valid("reply.json", reply);
    return reply;
  };

  await nextView(() => true);
  expect(seat).toMatchObject({ seat: "US", power: "US", host: true });
  // The only human marks ready: the game starts with bots in every other seat.
  await request("ready", { ready: true }, "request-ready.json");
  let accepted = 0;
  let refusals: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const v = await nextView(() => true);
    if (v.phase === "ended") break;
    const round = v.round as number;
    if (v.phase === "diplomacy") {
      if (round === 1) {
        // A P5 draft, and the template the catalogue says needs KP, US and KR.
        const draft = { type: "table_un_draft", groups: [catalogue.commodityGroups[0]], strength: 60 };
        const r1 = await request("act", draft, "request-act.json");
        if (!r1.ok) refusals.push(JSON.stringify(r1.error));
        const tpl = catalogue.templates.freeze_for_freeze!;
        const proposal = {
          type: "propose",
          template: "freeze_for_freeze",
          parties: tpl.parties.filter((p) => p !== "US"),
          duration: 2,
        };
        const r2 = await request("act", proposal, "request-act.json");
        if (!r2.ok) refusals.push(JSON.stringify(r2.error));
      }
      await request("ready", { ready: true }, "request-ready.json");
      await nextView((x) => x.phase !== "diplomacy" || x.round !== round);
      continue;
    }
    if (v.phase === "orders") {
      const budget = ((v.budget as Json | undefined)?.actionPoints as number | undefined) ?? 5;
      const actions = chooseOrders(v, round, budget);
      const reply = await request("orders", { actions }, "request-orders.json");
      if (reply.ok) accepted += actions.length;
      else refusals.push(JSON.stringify(reply.error));
      await request("ready", { ready: true }, "request-ready.json");
      await nextView((x) => x.phase !== "orders" || x.round !== round);
    }
  }
  refusals = refusals.filter((r) => !r.includes("rate_limited"));
  expect(problems).toEqual([]);
  expect(refusals).toEqual([]);
  expect((view as Json | null)?.phase).toBe("ended");
  expect(accepted).toBeGreaterThanOrEqual(4);
  expect(received.seat).toBe(1);
  expect(received.chat_history).toBe(1);
  expect(received.view).toBe(1);
  expect(received.view_delta).toBeGreaterThan(8);
  // The join and the resolutions' deltas are large: they came deflated, and read with the dictionary.
  expect(deflated).toBeGreaterThan(2);
  await room.leave();
});
