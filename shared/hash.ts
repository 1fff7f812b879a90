/** A stable fingerprint of any JSON value: FNV-1a over its canonical (key-sorted) JSON. */

export function canonicalJson(value: unknown): string {
  return write(value, "");
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
 * Appends `value`'s canonical JSON to `out`. One string grown left to right (V8 ropes), instead of
 * an array, a join and a JSON.stringify per key at every level: a state is ~50 KB of JSON.
 * Same output as before: keys sorted by code unit, undefined members dropped, numbers as JSON
 * writes them (non-finite as null).
 */
function write(value: unknown, out: string): string {
  switch (typeof value) {
    case "string":
      return out + JSON.stringify(value);
    case "number":
      return out + (Number.isFinite(value) ? String(value) : "null");
    case "boolean":
      return out + (value ? "true" : "false");
    case "object": {
      if (value === null) return `${out}null`;
      if (Array.isArray(value)) {
        out += "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ",";
          out = write(value[i], out);
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      out += "{";
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += first ? quoted(k) : `,${quoted(k)}`;
        first = false;
        out = write(v, `${out}:`);
      }
      return `${out}}`;
    }
    default:
      return out + (JSON.stringify(value) ?? "null");
  }
}

/**
 * The fingerprint of a value. A game state's scenario is named by its id rather than hashed: it is
 * static data shared by reference by every game (30 KB of JSON, which made hashing a state cost
 * ~1 ms), and the engine never mutates it.
 */
export function hashOf(value: unknown): string {
  const text = canonicalJson(withScenarioNamed(value));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

function withScenarioNamed(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const sc = (value as { scenario?: unknown }).scenario;
  if (sc === null || typeof sc !== "object" || typeof (sc as { id?: unknown }).id !== "string") return value;
  return { ...value, scenario: (sc as { id: string }).id };
}
