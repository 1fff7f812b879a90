/**
 * The client's text lives in client/i18n/en.json and ko.json: every key the code asks for exists
 * in both, the two files have the same keys, and Korean covers every action of the catalogue.
 * (Plain Node: no browser needed.)
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ACTION_TYPES } from "../../shared/orders.js";
import { ERROR_CODES } from "../../shared/result.js";
import { SUMMER_2017 } from "../../shared/scenario.js";

type Tree = { [k: string]: string | Tree };
const read = (f: string) => JSON.parse(fs.readFileSync(path.resolve("client/i18n", f), "utf8")) as Tree;
const en = read("en.json");
const ko = read("ko.json");
const keys = (o: Tree, p = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [p + k] : keys(v, `${p}${k}.`)));
/** Korean-only families: translations of scenario text the English takes from the catalogue. */
const KO_ONLY = [
  "place.",
  "country.",
  "action.",
  "objective.",
  "entity.",
  "inject.",
  "nodeName.",
  "resolutionName.",
  "timeline.",
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|html)$/.test(e.name) ? [p] : [];
  });
}

test("every literal key the client uses exists in English and Korean", () => {
  const used = new Set<string>();
  for (const file of sources("client")) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
    for (const m of text.matchAll(/data-i18n[a-z-]*="([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
  }
  expect(used.size).toBeGreaterThan(200);
  const enKeys = new Set(keys(en));
  const koKeys = new Set(keys(ko));
  expect([...used].filter((k) => !enKeys.has(k))).toEqual([]);
  expect([...used].filter((k) => !koKeys.has(k))).toEqual([]);
});

test("English and Korean have the same keys", () => {
  const enKeys = keys(en);
  const koKeys = keys(ko).filter((k) => !KO_ONLY.some((p) => k.startsWith(p)));
  expect(koKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  expect(enKeys.filter((k) => !koKeys.includes(k))).toEqual([]);
});

test("Korean names every action of the catalogue and every place of the scenario", () => {
  const koKeys = new Set(keys(ko));
  expect(
    ACTION_TYPES.filter((a) => !koKeys.has(`action.${a}.label`) || !koKeys.has(`action.${a}.effect`)),
  ).toEqual([]);
  expect(SUMMER_2017.places.map((p) => p.name).filter((n) => !koKeys.has(`place.${n}`))).toEqual([]);
});

test("every error code a request can be refused with is explained in both languages", () => {
  const enKeys = new Set(keys(en));
  const koKeys = new Set(keys(ko));
  expect(ERROR_CODES.filter((c) => !enKeys.has(`refusal.${c}`) || !koKeys.has(`refusal.${c}`))).toEqual([]);
});
