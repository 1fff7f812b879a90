/**
 * Korean a Korean classroom can use as is: one word for each game term (docs/GLOSSARY.md), and no
 * particle artefact ("이(가)", "50로") whatever fills a template's placeholders. Plain Node.
 */
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { hasParticleArtefact, numberEnding, particles } from "../../client/i18n/particles.js";

type Tree = { [k: string]: string | Tree };
const ko = JSON.parse(fs.readFileSync("client/i18n/ko.json", "utf8")) as Tree;
const strings = (o: Tree, p = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[p + k, v]] : strings(v, `${p}${k}.`)));
const KO = strings(ko);

/** The glossary's rows: English, Korean, the rejected variants, a note. */
function glossary(): { english: string; korean: string; not: string[] }[] {
  const rows = fs
    .readFileSync("docs/GLOSSARY.md", "utf8")
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| English"));
  return rows.map((l) => {
    const [english = "", korean = "", not = ""] = l
      .split("|")
      .slice(1)
      .map((c) => c.trim());
    return { english, korean, not: not === "—" ? [] : not.split(" · ").map((v) => v.trim()) };
  });
}

describe("the glossary", () => {
  const rows = glossary();

  test("lists the game's terms, each with its Korean", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const r of rows) expect(r.korean, r.english).toMatch(/[가-힣]/);
  });

  test("no Korean string uses a rejected variant", () => {
    const found = rows.flatMap((r) =>
      r.not.flatMap((bad) => KO.filter(([, v]) => v.includes(bad)).map(([k, v]) => `${k}: "${bad}" in ${v}`)),
    );
    expect(found).toEqual([]);
  });

  test("the map names the East Sea 동해 alone in Korean", () => {
    const place = ko.place as Tree;
    expect(place["Sea of Japan"]).toBe("동해");
    expect(place["(East Sea)"]).toBe("");
  });
});

/** Sample fillers with how each ends — the oracle, written by hand, not computed. */
const SAMPLES: { value: string; ending: "open" | "rieul" | "closed" | "none" }[] = [
  { value: "미국", ending: "closed" },
  { value: "러시아", ending: "open" },
  { value: "서울", ending: "rieul" },
  { value: "50", ending: "closed" }, // 오십
  { value: "2", ending: "open" }, // 이
  { value: "7", ending: "rieul" }, // 칠
  { value: "100", ending: "closed" }, // 백
  { value: "UN", ending: "closed" }, // 유엔
  { value: "", ending: "none" },
];
const RIGHT: Record<string, Record<"open" | "rieul" | "closed", string>> = {
  "이(가)": { open: "가", rieul: "이", closed: "이" },
  "을(를)": { open: "를", rieul: "을", closed: "을" },
  "은(는)": { open: "는", rieul: "은", closed: "은" },
  "와(과)": { open: "와", rieul: "과", closed: "과" },
  "(으)로": { open: "로", rieul: "로", closed: "으로" },
};
const FORM = /\{\{(\w+)\}\}(이\(가\)|을\(를\)|은\(는\)|와\(과\)|\(으\)로)/g;
const fill = (tpl: string, value: string) => tpl.replace(/\{\{\w+\}\}/g, value);

describe("every Korean template, filled", () => {
  const templates = KO.filter(([, v]) => v.includes("{{"));

  test.each(SAMPLES)("with '$value' leaves no particle artefact", ({ value }) => {
    const bad = templates.filter(([, v]) => hasParticleArtefact(particles(fill(v, value))));
    expect(bad).toEqual([]);
  });

  test.each(SAMPLES.filter((s) => s.ending !== "none"))(
    "with '$value' puts the particle that fits after it",
    ({ value, ending }) => {
      const wrong: string[] = [];
      for (const [key, tpl] of templates) {
        const out = particles(fill(tpl, value));
        for (const m of tpl.matchAll(FORM)) {
          const want = `${value}${RIGHT[m[2]!]![ending as "open"]}`;
          if (!out.includes(want)) wrong.push(`${key}: wanted "${want}" in "${out}"`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  test("no placeholder is followed by a one-form particle that cannot fit every filler", () => {
    const fixed = /\}\}(이|가|을|를|은|는|와|과|으로|로)(?=[\s.,:;)!?·]|$)/;
    expect(templates.filter(([, v]) => fixed.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  test("an empty name drops its particle instead of showing it", () => {
    expect(particles("이(가) 위기를 한계 너머로 밀었습니다.")).toBe("위기를 한계 너머로 밀었습니다.");
    expect(particles("전쟁. 이(가) 밀었습니다.")).toBe("전쟁. 밀었습니다.");
  });
});

test.each([
  ["0", "closed"], // 영
  ["1", "rieul"], // 일
  ["3", "closed"], // 삼
  ["4", "open"], // 사
  ["6", "closed"], // 육
  ["8", "rieul"], // 팔
  ["9", "open"], // 구
  ["10", "closed"], // 십
  ["15", "open"], // 십오
  ["1,000", "closed"], // 천
  ["2.5", "open"], // 이점오
  ["10000", "closed"], // 만
])("the number %s is read with a %s ending", (n, ending) => {
  expect(numberEnding(n)).toBe(ending);
});
