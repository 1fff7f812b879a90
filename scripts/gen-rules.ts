/**
 * `npm run rules`: writes docs/RULES.md from the scenario's catalogue, objectives and rules, so the
 * player rules never drift from the engine. A test checks the committed file is up to date.
 */
import { writeFileSync } from "node:fs";
import { renderRules } from "../shared/rules-doc.js";

writeFileSync(new URL("../docs/RULES.md", import.meta.url), renderRules());
console.log("docs/RULES.md written");
