import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// The engine must stay pure; the lint rule covers imports, this covers the two globals it cannot.
test("shared/ never uses Math.random or the clock", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (
        p.endsWith(".ts") &&
        /Math\.random|Date\.now|new Date\(|performance\.now/.test(fs.readFileSync(p, "utf8"))
      )
        offenders.push(p);
    }
  };
  walk("shared");
  expect(offenders).toEqual([]);
});
