/**
 * Korean particles that depend on the word before them. Templates write them in both forms —
 * "이(가)", "을(를)", "은(는)", "와(과)", "(으)로" — and this picks the one that fits the sound the
 * word ends with, whatever fills the placeholder: a Korean word, a number read the Sino-Korean way
 * ("50으로", "2로"), a Latin abbreviation read letter by letter ("UN은"), or nothing at all (an
 * empty name: the particle is dropped, as Korean drops an unknown subject). Pure: no DOM, no i18next.
 */

const FORMS = ["이(가)", "을(를)", "은(는)", "와(과)", "(으)로"] as const;
type Form = (typeof FORMS)[number];

/** Each form after a closed syllable (final consonant) and after an open one. */
const CHOICE: Readonly<Record<Form, readonly [closed: string, open: string]>> = {
  "이(가)": ["이", "가"],
  "을(를)": ["을", "를"],
  "은(는)": ["은", "는"],
  "와(과)": ["과", "와"],
  "(으)로": ["으로", "로"],
};

/** How a word ends: no final consonant, ㄹ (which takes 로 like a vowel), or another final. */
export type Ending = "open" | "rieul" | "closed";

/** The ending of one Hangul syllable. */
function syllableEnding(ch: string): Ending {
  const final = (ch.charCodeAt(0) - 0xac00) % 28;
  return final === 0 ? "open" : final === 8 ? "rieul" : "closed";
}

/** Sino-Korean digits 0–9: 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT: readonly Ending[] = [
  "closed",
  "rieul",
  "open",
  "closed",
  "open",
  "open",
  "closed",
  "rieul",
  "rieul",
  "open",
];
/** The ending of a number as it is read aloud ("1,500" → 천오백 → open). */
export function numberEnding(digits: string): Ending {
  const d = digits.replace(/[^0-9]/g, "");
  if (!/[1-9]/.test(d)) return "closed"; // 영
  const last = d[d.length - 1]!;
  // A number ending in zeros is read by its last unit — 십, 백, 천, 만, 억 — all closed.
  return last === "0" ? "closed" : DIGIT[Number(last)]!;
}

/**
 * A Latin word as Korean reads it. An abbreviation ("UN", "ICBM") is read letter by letter: L 엘 and
 * R 알 end in ㄹ, M 엠 and N 엔 closed, the rest open. A word (a display name, "Dandong") is
 * transcribed: a final m, n or ng stays a final consonant, l becomes ㄹ, and anything else ends
 * open (a vowel, or a consonant that Korean closes with 으: "Vladivostok" 블라디보스토크).
 */
function latinEnding(word: string): Ending {
  const last = word[word.length - 1]!.toLowerCase();
  if (word === word.toUpperCase() && word.length <= 5) {
    if (last === "l" || last === "r") return "rieul";
    return last === "m" || last === "n" ? "closed" : "open";
  }
  if (last === "l") return "rieul";
  return last === "m" || last === "n" || word.toLowerCase().endsWith("ng") ? "closed" : "open";
}

/**
 * The ending of the text just before a particle, or null when there is no word (an empty
 * placeholder at the start or after a space). A parenthesised aside ("새 계좌 (금융)을(를)") and
 * closing quotes are looked through; "%" reads 퍼센트 (open).
 */
function endingBefore(s: string, end: number): Ending | null {
  let i = end;
  if (s[i - 1] === ")") {
    const open = s.lastIndexOf("(", i - 1);
    if (open > 0) {
      i = open;
      while (i > 0 && s[i - 1] === " ") i--;
    }
  }
  while (i > 0 && "’”'\"」』".includes(s[i - 1]!)) i--;
  const ch = s[i - 1];
  if (ch === undefined) return null;
  if (ch >= "가" && ch <= "힣") return syllableEnding(ch);
  if (ch === "%") return "open";
  if (ch >= "0" && ch <= "9") {
    let j = i - 1;
    while (j > 0 && /[0-9,.]/.test(s[j - 1]!)) j--;
    return numberEnding(s.slice(j, i));
  }
  if (/[A-Za-z]/.test(ch)) {
    let j = i - 1;
    while (j > 0 && /[A-Za-z]/.test(s[j - 1]!)) j--;
    return latinEnding(s.slice(j, i));
  }
  return null;
}

const PATTERN = /이\(가\)|을\(를\)|은\(는\)|와\(과\)|\(으\)로/g;

/** Chooses every two-form particle in `s` by the word before it; other text is left alone. */
export function particles(s: string): string {
  if (!s.includes("(")) return s;
  let out = "";
  let last = 0;
  for (const m of s.matchAll(PATTERN)) {
    const at = m.index;
    out += s.slice(last, at);
    last = at + m[0].length;
    const ending = endingBefore(s, at);
    if (ending === null) {
      // No word before it: drop the particle and the space after it.
      if (s[last] === " " && (at === 0 || s[at - 1] === " ")) last++;
      continue;
    }
    const form = m[0] as Form;
    const closed = form === "(으)로" ? ending === "closed" : ending !== "open";
    out += CHOICE[form][closed ? 0 : 1];
  }
  return out + s.slice(last);
}

/** True when `s` still has a two-form particle that no word chose (a bug in a template's use). */
export function hasParticleArtefact(s: string): boolean {
  return /이\(가\)|을\(를\)|은\(는\)|와\(과\)|\(으\)로/.test(s);
}
