/**
 * `npm run protocol`: writes the reference section of docs/PROTOCOL.md and the JSON Schema files
 * under docs/schema/ from the zod schemas and the scenario's catalogue, and the view messages'
 * preset dictionary as docs/schema/view-dictionary.txt. A test checks they are
 * up to date (tests/protocol/docs.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { jsonSchemas, withReference } from "../shared/protocol-doc.js";
import { VIEW_DICTIONARY } from "../shared/viewDictionary.js";

const docs = new URL("../docs/", import.meta.url);
mkdirSync(new URL("schema/", docs), { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas()))
  writeFileSync(new URL(`schema/${file}`, docs), `${JSON.stringify(schema, null, 2)}\n`);
// The preset dictionary of deflated view messages, byte for byte (no newline added).
writeFileSync(new URL("schema/view-dictionary.txt", docs), VIEW_DICTIONARY);
const doc = new URL("PROTOCOL.md", docs);
writeFileSync(doc, withReference(readFileSync(doc, "utf8")));
console.log(`docs/PROTOCOL.md and ${Object.keys(jsonSchemas()).length + 1} files in docs/schema/ written`);
