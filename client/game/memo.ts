/**
 * The reflection memo (DESIGN §1, grading): after a round's resolution, when the teacher set a
 * prompt for it, a power's player answers in a memo of up to 1,000 characters — optional (it can
 * wait) or required (it stays open until written). The memo is an engine input, kept in the record
 * and counted in the class gradebook. A panel of its own over the game screen; it never blocks play.
 */
import "./memo.css";
import { lastResolvedRound, promptFor } from "../../shared/engine/reflection.js";
import { isPower } from "../../shared/powers.js";
import { MEMO_MAX } from "../../shared/protocol.js";
import { t } from "../i18n/index.js";
import type { GameSession } from "../session.js";
import { el, refusal } from "../ui.js";

/** Mounts the memo panel in `root`; returns what removes it. */
export function mountMemo(session: GameSession, root: HTMLElement): () => void {
  const heading = el("h2", { id: "memo-h" });
  const prompt = el("p", { class: "memo-prompt", id: "memo-prompt" });
  const badge = el("span", { class: "tag", id: "memo-badge" });
  const text = el("textarea", {
    id: "memo-text",
    rows: 5,
    maxlength: MEMO_MAX,
    "aria-labelledby": "memo-prompt",
  });
  const count = el("span", { class: "small muted", id: "memo-count", "aria-live": "polite" });
  const save = el("button", { type: "submit", class: "primary", id: "memo-save" }, t("memo.save"));
  const later = el("button", { type: "button", class: "ghost", id: "memo-later" }, t("memo.later"));
  const status = el("p", { class: "status", id: "memo-status", role: "status", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "memo-panel", id: "memo-panel", role: "region", "aria-labelledby": "memo-h", hidden: true },
    el("div", { class: "memo-head" }, heading, badge),
    prompt,
    text,
    el("div", { class: "memo-actions" }, count, later, save),
    status,
  );
  const reopen = el("button", {
    type: "button",
    class: "small memo-reopen",
    id: "memo-reopen",
    hidden: true,
  });
  root.append(form, reopen);

  /** The round the panel is about, and whether the player put it aside for now. */
  let round = 0;
  let aside = false;
  let editing = false;
  const counter = () => {
    count.textContent = t("memo.count", { n: text.value.length, max: MEMO_MAX });
  };
  text.addEventListener("input", counter);
  later.addEventListener("click", () => {
    aside = true;
    editing = false;
    render();
  });
  reopen.addEventListener("click", () => {
    aside = false;
    editing = true;
    render();
    text.focus();
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const memo = text.value.trim();
    if (!memo) {
      status.textContent = t("memo.empty");
      status.className = "status bad";
      return void text.focus();
    }
    save.disabled = true;
    const r = await session.act({ type: "write_memo", round, text: memo });
    save.disabled = false;
    status.textContent = r.ok ? t("memo.saved", { round }) : refusal(r.error);
    status.className = `status ${r.ok ? "ok" : "bad"}`;
    if (r.ok) editing = false;
    render();
  });

  function render(): void {
    const v = session.view;
    const me = session.seat?.seat;
    const r = v ? lastResolvedRound(v) : 0;
    const p = v && r >= 1 ? promptFor(v, r) : undefined;
    if (!v || !me || !isPower(me) || !p) {
      form.hidden = true;
      reopen.hidden = true;
      return;
    }
    if (r !== round) {
      // A new round to reflect on: a fresh memo, offered again even if the last was put aside.
      round = r;
      aside = false;
      editing = false;
      text.value = v.reflection.memos.find((m) => m.round === r)?.text ?? "";
      status.textContent = "";
    }
    const written = v.reflection.memos.some((m) => m.power === me && m.round === r);
    heading.textContent = t("memo.title", { round: r });
    prompt.textContent = p.text;
    badge.textContent = p.required ? t("memo.required") : t("memo.optional");
    form.dataset.round = String(r);
    form.dataset.written = String(written);
    later.hidden = p.required && !written;
    const open = editing || (!written && !(aside && !p.required));
    form.hidden = !open;
    reopen.hidden = open;
    reopen.textContent = written ? t("memo.edit", { round: r }) : t("memo.write", { round: r });
    counter();
  }
  const off = session.subscribe(render);
  render();
  return () => {
    off();
    form.remove();
    reopen.remove();
  };
}
