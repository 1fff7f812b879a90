/**
 * Languages: English (bundled with the lobby) and Korean (its strings and the Noto Sans KR font load
 * only when Korean is chosen). Every player-facing string of the client lives in en.json / ko.json.
 * Catalogue labels and effects, objectives and event texts come from the scenario in English; the
 * Korean file translates them by action type, objective id and event kind, falling back to English.
 */
import i18next from "i18next";
import en from "./en.json";
import { particles } from "./particles.js";

export const LANGS = ["en", "ko"] as const;
export type Lang = (typeof LANGS)[number];
const LANG_KEY = "pressure-point.lang";

export function isLang(s: string | null | undefined): s is Lang {
  return (LANGS as readonly string[]).includes(s ?? "");
}

/** The language to start in: ?lang=, then the saved choice, then the browser's. */
export function preferredLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (isLang(fromUrl)) return fromUrl;
  const saved = localStorage.getItem(LANG_KEY);
  if (isLang(saved)) return saved;
  return navigator.language.toLowerCase().startsWith("ko") ? "ko" : "en";
}

let fontLoaded = false;

async function loadLang(lang: Lang): Promise<void> {
  if (lang === "ko" && !i18next.hasResourceBundle("ko", "translation")) {
    const [ko] = await Promise.all([
      import("./ko.json"),
      fontLoaded ? null : import("./korean-font.js").then(() => (fontLoaded = true)),
    ]);
    i18next.addResourceBundle("ko", "translation", ko.default, true, true);
  }
}

export async function initI18n(lang: Lang = preferredLang()): Promise<void> {
  await i18next.init({
    lng: "en",
    fallbackLng: "en",
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await setLang(lang);
}

export async function setLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  await i18next.changeLanguage(lang);
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return isLang(i18next.language) ? i18next.language : "en";
}

/**
 * Translates a key; `{{name}}` placeholders are filled from `vars`. In Korean, the particles that
 * depend on a filled-in word ("{{power}}이(가)") are chosen by it, so no "이(가)" reaches the screen.
 */
export function t(key: string, vars?: Record<string, string | number>): string {
  const text = i18next.t(key, vars ?? {}) as string;
  return lang() === "ko" ? particles(text) : text;
}

/** A translation if the key exists in the current language (or English), else `fallback`. */
export function tOr(key: string, fallback: string, vars?: Record<string, string | number>): string {
  return i18next.exists(key) ? t(key, vars) : fallback;
}

/**
 * A scenario text in the current language, from a template keyed by id whose `{{n0}}`, `{{n1}}`…
 * take the numbers of the English text in order. Scenario numbers are tuned often: when the English
 * text no longer has as many numbers as the template expects, the English text is shown instead.
 */
export function tNumbered(key: string, english: string): string {
  if (lang() === "en") return english;
  const tpl = i18next.getResource(lang(), "translation", key) as unknown;
  if (typeof tpl !== "string") return english;
  const nums = english.match(/\d+/g) ?? [];
  const wanted = new Set(tpl.match(/\{\{n\d+\}\}/g) ?? []).size;
  if (wanted !== nums.length) return english;
  const vars: Record<string, string> = {};
  nums.forEach((n, i) => {
    vars[`n${i}`] = n;
  });
  return t(key, vars);
}

/** Fills `data-i18n` (text), `data-i18n-placeholder`, `data-i18n-title` and `data-i18n-aria` under `root`. */
export function translateStatic(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n]"))
    node.textContent = t(node.dataset.i18n!);
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-placeholder]"))
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder!));
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-title]"))
    node.setAttribute("title", t(node.dataset.i18nTitle!));
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-aria]"))
    node.setAttribute("aria-label", t(node.dataset.i18nAria!));
}
