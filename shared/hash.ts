/** A stable fingerprint of any JSON value: FNV-1a over its canonical (key-sorted) JSON. */

/** Where the canonical JSON goes, piece by piece: a text (`canonicalJson`) or a fingerprint (`hashOf`). */
interface Sink {
  text(piece: string): void;
}

/** The pieces joined (V8 grows the string left to right as ropes). */
class Text implements Sink {
  out = "";
  text(piece: string): void {
    this.out += piece;
  }
}

/**
 * The two FNV-1a lanes over a text fed in pieces: the same value as over the pieces joined. `hashOf`
 * feeds it the canonical JSON piece by piece, so a state's ~50 KB of JSON is never built. Building
 * it was a fifth of everything a server allocated under load (a string of ropes per resolution,
 * 0.5 MB of short-lived objects; `npm run bench:load`'s allocation profile, docs/bench/README.md
 * "sixth pass").
 */
class Fingerprint implements Sink {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  text(piece: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    this.h1 = h1;
    this.h2 = h2;
  }
  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, "0") + (this.h2 >>> 0).toString(16).padStart(8, "0");
  }
}

/** Quoted keys, made once: the same few hundred keys recur in every state (capped, in case). */
const QUOTED = new Map<string, string>();
function quoted(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (QUOTED.size < 10_000) QUOTED.set(k, q);
  }
  return q;
}

/**
 * `keys.sort()`, in place by insertion: an object's keys are few, and `Array.prototype.sort` made a
 * work copy of every one of a state's thousands of key lists (a tenth of a loaded server's
 * allocations, after the text itself was gone). Strings compare by code unit, as `sort` does.
 */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * Feeds `value`'s canonical JSON to `sink`: keys sorted by code unit, undefined members dropped,
 * numbers as JSON writes them (non-finite as null). Pieces, not a JSON.stringify per key at every
 * level: a state is ~50 KB of JSON.
 */
function write(value: unknown, sink: Sink): void {
  switch (typeof value) {
    case "string":
      sink.text(JSON.stringify(value));
      return;
    case "number":
      sink.text(Number.isFinite(value) ? String(value) : "null");
      return;
    case "boolean":
      sink.text(value ? "true" : "false");
      return;
    case "object": {
      if (value === null) {
        sink.text("null");
        return;
      }
      if (Array.isArray(value)) {
        sink.text("[");
        for (let i = 0; i < value.length; i++) {
          if (i > 0) sink.text(",");
          write(value[i], sink);
        }
        sink.text("]");
        return;
      }
      const obj = value as Record<string, unknown>;
      sink.text("{");
      let first = true;
      for (const k of sortKeys(Object.keys(obj))) {
        const v = obj[k];
        if (v === undefined) continue;
        if (!first) sink.text(",");
        first = false;
        sink.text(quoted(k));
        sink.text(":");
        write(v, sink);
      }
      sink.text("}");
      return;
    }
    default:
      sink.text(JSON.stringify(value) ?? "null");
  }
}

export function canonicalJson(value: unknown): string {
  const t = new Text();
  write(value, t);
  return t.out;
}

/** FNV-1a (two lanes) of a text: the fingerprint `hashOf` gives of a value's canonical JSON. */
export function fingerprintOf(text: string): string {
  const f = new Fingerprint();
  f.text(text);
  return f.hex();
}

/**
 * The fingerprint of a value: `fingerprintOf(canonicalJson(value))`, computed without building the
 * text. A game state's scenario is named by its id rather than hashed: it is static data shared by
 * reference by every game (30 KB of JSON, which made hashing a state cost ~1 ms), and the engine
 * never mutates it.
 */
export function hashOf(value: unknown): string {
  const f = new Fingerprint();
  write(withScenarioNamed(value), f);
  return f.hex();
}

function withScenarioNamed(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const sc = (value as { scenario?: unknown }).scenario;
  if (sc === null || typeof sc !== "object" || typeof (sc as { id?: unknown }).id !== "string") return value;
  return { ...value, scenario: (sc as { id: string }).id };
}
