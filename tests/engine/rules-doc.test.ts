import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { renderRules } from "../../shared/rules-doc.js";

test("docs/RULES.md is up to date with the catalogue (run `npm run rules`)", () => {
  expect(readFileSync("docs/RULES.md", "utf8")).toBe(renderRules());
});
