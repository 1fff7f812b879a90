/**
 * The RFC 6902 patch from one view to the next: the same operations, in the same order, as
 * fast-json-patch's `compare` (the client applies them with that library's `applyPatch`), without
 * the costs `compare` pays for being general:
 * - it deep-copies every added or replaced value (`JSON.parse(JSON.stringify(…))`), so the patch
 *   stays valid if the document is mutated later; views are never mutated, and the patch is
 *   encoded the moment it is made (views.ts encodes its JSON text, which is what a copy would be);
 * - it builds the path string of every object it walks into, even an unchanged one; here a path is
 *   built only for an object that differs and for an operation;
 * - it lists an array's indexes as strings before walking it.
 * Views share every unchanged sub-object with the view before (the engine never mutates a state,
 * viewFor reuses its derivations), so both walk only what changed; measured by
 * `npm run bench:delta` (docs/bench/README.md). tests/server/view-diff.test.ts checks that the
 * operations equal `compare`'s on every seat's view after every input of bot games.
 */
import type { Operation } from "fast-json-patch";

type Node = object;

const has = Object.prototype.hasOwnProperty;

/** RFC 6901: "~" and "/" in a key are escaped. */
function escapeKey(key: string): string {
  if (key.indexOf("/") === -1 && key.indexOf("~") === -1) return key;
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

/**
 * What changed from `before` to `after` (two objects, or two arrays), appended to `ops`. Keys in
 * `skip` are left out at the top level, as if neither object had them (views.ts sends the logs its
 * own way): the same operations as a diff of copies without them, without making the copies.
 */
export function diff(
  before: Node,
  after: Node,
  ops: Operation[] = [],
  skip?: ReadonlySet<string>,
): Operation[] {
  walk(before, after, "", ops, skip);
  return ops;
}

/**
 * One object or array against its previous version. The order is `compare`'s: the previous keys
 * from last to first (replace and remove), then the new keys (add).
 */
function walk(mirror: Node, obj: Node, path: string, ops: Operation[], skip?: ReadonlySet<string>): void {
  if (mirror === obj) return;
  if (Array.isArray(obj) && Array.isArray(mirror)) {
    walkArray(mirror, obj, path, ops);
    return;
  }
  const was = mirror as Record<string, unknown>;
  const now = obj as Record<string, unknown>;
  const objIsArray = Array.isArray(obj);
  const oldKeys = Object.keys(was);
  const newKeys = Object.keys(now);
  let deleted = false;
  let oldCount = oldKeys.length;
  let newCount = newKeys.length;
  if (skip)
    for (const key of skip) {
      if (has.call(was, key)) oldCount--;
      if (has.call(now, key)) newCount--;
    }
  for (let t = oldKeys.length - 1; t >= 0; t--) {
    const key = oldKeys[t]!;
    if (skip?.has(key)) continue;
    const oldVal = was[key];
    if (has.call(now, key) && !(now[key] === undefined && oldVal !== undefined && !objIsArray)) {
      const newVal = now[key];
      if (oldVal === newVal) continue;
      if (isNode(oldVal) && isNode(newVal) && Array.isArray(oldVal) === Array.isArray(newVal))
        walk(oldVal, newVal, `${path}/${escapeKey(key)}`, ops);
      else ops.push({ op: "replace", path: `${path}/${escapeKey(key)}`, value: newVal ?? null });
    } else if (Array.isArray(mirror) === objIsArray) {
      ops.push({ op: "remove", path: `${path}/${escapeKey(key)}` });
      deleted = true;
    } else {
      ops.push({ op: "replace", path, value: obj });
    }
  }
  if (!deleted && newCount === oldCount) return;
  for (const key of newKeys)
    if (!skip?.has(key) && !has.call(was, key) && now[key] !== undefined)
      ops.push({ op: "add", path: `${path}/${escapeKey(key)}`, value: now[key] });
}

/** The same walk over indexes (views have no holes in their arrays). */
function walkArray(mirror: unknown[], obj: unknown[], path: string, ops: Operation[]): void {
  let deleted = false;
  for (let i = mirror.length - 1; i >= 0; i--) {
    const oldVal = mirror[i];
    if (i < obj.length) {
      const newVal = obj[i];
      if (oldVal === newVal) continue;
      if (isNode(oldVal) && isNode(newVal) && Array.isArray(oldVal) === Array.isArray(newVal))
        walk(oldVal, newVal, `${path}/${i}`, ops);
      else ops.push({ op: "replace", path: `${path}/${i}`, value: newVal ?? null });
    } else {
      ops.push({ op: "remove", path: `${path}/${i}` });
      deleted = true;
    }
  }
  if (!deleted && obj.length === mirror.length) return;
  for (let i = mirror.length; i < obj.length; i++)
    if (obj[i] !== undefined) ops.push({ op: "add", path: `${path}/${i}`, value: obj[i] });
}
