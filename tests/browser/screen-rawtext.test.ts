/** The check the text walk relies on (tests/support/screen.ts `rawText`) catches what the issue saw. */
import { expect, test } from "vitest";
import { rawText } from "../support/screen.js";

const NS = ["orders", "news"];

test.each([
  // Round 1's News in the issue.
  ["The game opens in {{quarter}}: no round has been resolved yet.", ["{{quarter}}"]],
  // The advisor in the issue.
  ["Expose a finding (yellow-sea-sts)", ["yellow-sea-sts"]],
  // A "why" line in the issue.
  ["unsustained, it reaches at most 108", ["at most 108"]],
  // An untranslated key, and a wire literal.
  ["orders.addSuggestion · set_enforcement", ["orders.addSuggestion", "set_enforcement"]],
  // Ordinary English with hyphens and numbers passes.
  ["A ship-to-ship transfer, colour-blind safe, reaches at most 60.", []],
])("%s", (text, found) => {
  expect(rawText(text, NS)).toEqual(found);
});
