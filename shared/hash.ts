/** A stable fingerprint of any JSON value: FNV-1a over its canonical (key-sorted) JSON. */

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
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
