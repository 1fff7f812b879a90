/**
 * `npm run protocol`: writes the reference section of docs/PROTOCOL.md and the JSON Schema files
 * under docs/schema/ from the zod schemas and the scenario's catalogue. A test checks they are
 * up to date (tests/protocol/docs.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { jsonSchemas, withReference } from "../shared/protocol-doc.js";

const docs = new URL("../docs/", import.meta.url);
mkdirSync(new URL("schema/", docs), { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas()))
  writeFileSync(new URL(`schema/${file}`, docs), `${JSON.stringify(schema, null, 2)}\n`);
const doc = new URL("PROTOCOL.md", docs);
writeFileSync(doc, withReference(readFileSync(doc, "utf8")));
console.log(`docs/PROTOCOL.md and ${Object.keys(jsonSchemas()).length} files in docs/schema/ written`);
