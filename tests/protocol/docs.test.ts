/**
 * docs/PROTOCOL.md's reference section and docs/schema/*.json are generated from the schemas
 * (`npm run protocol`): this fails when someone changes a schema or the catalogue and forgets them.
 */
import fs from "node:fs";
import { expect, test } from "vitest";
import { jsonSchemas, renderProtocolReference, withReference } from "../../shared/protocol-doc.js";
import { VIEW_DICTIONARY } from "../../shared/viewDictionary.js";

test("docs/schema/ holds exactly the generated JSON Schemas", () => {
  const want = jsonSchemas();
  const have = fs.readdirSync("docs/schema").filter((f) => f.endsWith(".json"));
  expect(have.sort()).toEqual(Object.keys(want).sort());
  for (const [name, schema] of Object.entries(want))
    expect(fs.readFileSync(`docs/schema/${name}`, "utf8"), `${name} is stale: run npm run protocol`).toBe(
      `${JSON.stringify(schema, null, 2)}\n`,
    );
});

test("docs/schema/view-dictionary.txt is the preset dictionary the server deflates with, byte for byte", () => {
  expect(new Uint8Array(fs.readFileSync("docs/schema/view-dictionary.txt"))).toEqual(VIEW_DICTIONARY);
});

test("docs/PROTOCOL.md's reference section is the generated one", () => {
  const doc = fs.readFileSync("docs/PROTOCOL.md", "utf8");
  expect(doc, "docs/PROTOCOL.md is stale: run npm run protocol").toBe(withReference(doc));
  expect(doc).toContain(renderProtocolReference());
});

test("the reference lists the values a client needs: regions, entities, templates' parties", () => {
  const ref = renderProtocolReference();
  for (const v of [
    "`yellow_sea`",
    "`bank_of_dandong`",
    "`freeze_for_freeze`",
    "`not_p5`",
    "`unknown_action`",
  ])
    expect(ref).toContain(v);
});
