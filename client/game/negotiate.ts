/**
 * The Negotiate panel: chat channels (public, bilateral, groups) with unread counts; proposals
 * (a composer with structured terms or a template; incoming ones with accept, reject, counter);
 * signed agreements; UN drafts (table, soften, vote). Who may do what is the engine's: the panel
 * reads the shared lists (TERM_PARTIES, P5, AMENDERS) to offer only sensible choices and shows the
 * server's answer when it refuses.
 */
import { TERM_PARTIES } from "../../shared/engine/diplomacy.js";
import { AMENDERS, P5 } from "../../shared/engine/un.js";
import { POWERS, type PowerId } from "../../shared/powers.js";
import { CHAT_MAX, type ChatMessage, canUseChannel, channelOf, type Reply } from "../../shared/protocol.js";
import { SUMMER_2017 } from "../../shared/scenario.js";
import {
  COMMODITY_GROUPS,
  type CommodityGroup,
  type Proposal,
  TERM_KINDS,
  type Term,
  type TermKind,
  type UnDraft,
  VOTES,
} from "../../shared/state.js";
import type { PlayerView } from "../../shared/view.js";
import { t } from "../i18n/index.js";
import type { GameSession } from "../session.js";
import { el, kids, powerName, refusal } from "../ui.js";
import { icon } from "./icons.js";
import { groupName, termText } from "./words.js";

/** Terms that carry a level (0–100), and the one that carries a commodity group. */
const LEVELLED: ReadonlySet<TermKind> = new Set([
  "enforce",
  "announce",
  "relief",
  "aid",
  "engagement",
  "fuel_cap",
  "trade",
]);

export interface NegotiatePanel {
  element: HTMLElement;
  update(): void;
  /** Unread messages over all channels (for the tab's badge). */
  unread(): number;
  /** The panel is visible: the open channel counts as read. */
  setVisible(visible: boolean): void;
}

const READ_KEY = "pressure-point.read.";
/** Answered proposals shown in full; older ones fold into "Earlier proposals", at most this many. */
const RECENT_ANSWERED = 2;
const OLDER_KEPT = 6;

export function negotiatePanel(
  session: GameSession,
  me: PowerId | null,
  show: { error(message: string | null): void; changed(): void },
): NegotiatePanel {
  const root = el("div", { class: "negotiate", id: "negotiate" });
  const status = el("p", { class: "status-line", role: "status", "aria-live": "polite", id: "neg-status" });
  let visible = false;
  let channel = "public";
  const code = () => session.room.code || session.seat?.code || "";
  const lastRead: Record<string, number> = JSON.parse(sessionStorage.getItem(READ_KEY + code()) ?? "{}");

  const report = (r: Reply, ok: string) => {
    status.textContent = r.ok ? ok : t("neg.refused", { message: refusal(r.error) });
    status.className = `status-line ${r.ok ? "ok" : "bad"}`;
    if (!r.ok) show.error(refusal(r.error));
    else show.error(null);
  };

  // ── channels ────────────────────────────────────────────────────────────
  const channelList = el("div", { class: "channels", role: "tablist", "aria-label": t("neg.channels") });
  const log = el("ol", { class: "chat-log", id: "chat-log", "aria-live": "polite" });
  const chatInput = el("input", {
    id: "chat-input",
    type: "text",
    maxlength: CHAT_MAX,
    "aria-label": t("neg.message"),
    placeholder: t("neg.messagePlaceholder"),
  });
  const chatSend = el("button", { type: "submit", class: "small" }, t("neg.send"));
  const chatForm = el("form", { class: "chat-form", id: "chat-form" }, chatInput, chatSend);
  // Control can pause a power's chat (docs/PROTOCOL.md, "mute"): the box says so instead of failing.
  const mutedNote = el(
    "p",
    { class: "chat-muted", id: "chat-muted", "data-testid": "chat-muted", role: "status", hidden: true },
    icon("muted", 16),
    ` ${t("neg.muted")}`,
  );
  const isMuted = () => !!me && !!session.room.seats.find((s) => s.power === me)?.muted;
  let wasMuted = false;
  const setPostable = () => {
    const seat = session.seat?.seat ?? "OBSERVER";
    const muted = isMuted();
    const canPost = canUseChannel(seat, channel).post && !muted;
    chatInput.disabled = !canPost;
    chatSend.disabled = !canPost;
    mutedNote.hidden = !muted;
    wasMuted = muted;
  };
  chatForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = chatInput.value.trim();
    if (!text) return;
    chatSend.disabled = true;
    const r = await session.chat(channel, text);
    chatSend.disabled = false;
    if (r.ok) chatInput.value = "";
    else if (r.error.code === "muted") {
      // Refused before the state patch arrived: say so now; the next update settles it.
      mutedNote.hidden = false;
      chatInput.disabled = true;
      chatSend.disabled = true;
      wasMuted = true;
    } else report(r, "");
  });

  /** Group channels opened here before their first message. */
  const opened = new Set<string>();
  const channels = (): string[] => {
    const list = ["public"];
    if (me) for (const p of POWERS) if (p !== me) list.push(channelOf([me, p]));
    for (const c of opened) if (!list.includes(c)) list.push(c);
    for (const m of session.messages) if (!list.includes(m.channel)) list.push(m.channel);
    return list;
  };
  const channelName = (c: string) =>
    c === "public"
      ? t("neg.public")
      : c
          .split("-")
          .filter((p) => p !== me)
          .map((p) => powerName(p as PowerId))
          .join(", ");
  const unreadIn = (c: string, messages: readonly ChatMessage[]) =>
    messages.filter((m) => m.channel === c && m.id > (lastRead[c] ?? -1) && m.from !== me).length;

  const markRead = () => {
    if (!visible) return;
    const last = [...session.messages].reverse().find((m) => m.channel === channel);
    if (last && (lastRead[channel] ?? -1) < last.id) {
      lastRead[channel] = last.id;
      sessionStorage.setItem(READ_KEY + code(), JSON.stringify(lastRead));
      show.changed();
    }
  };

  const renderChannels = () => {
    const msgs = session.messages;
    channelList.replaceChildren(
      ...channels().map((c) => {
        const n = unreadIn(c, msgs);
        const b = el(
          "button",
          {
            type: "button",
            role: "tab",
            class: "channel",
            "data-channel": c,
            "aria-selected": String(c === channel),
            "aria-label": n ? `${channelName(c)}, ${t("neg.unread", { n })}` : channelName(c),
          },
          channelName(c),
          n ? el("span", { class: "badge", "aria-hidden": "true" }, String(n)) : null,
        );
        b.addEventListener("click", () => {
          channel = c;
          renderChannels();
          renderLog();
        });
        return b;
      }),
    );
  };
  const renderLog = () => {
    const list = session.messages.filter((m) => m.channel === channel);
    log.replaceChildren(
      ...(list.length
        ? list.map((m) =>
            el(
              "li",
              { class: m.from === me ? "mine" : "" },
              el("span", { class: "who" }, m.from === "CONTROL" ? t("neg.control") : `${m.name} (${m.from})`),
              el("span", { class: "text" }, m.text),
            ),
          )
        : [el("li", { class: "muted" }, t("neg.noMessages"))]),
    );
    log.scrollTop = log.scrollHeight;
    setPostable();
    markRead();
  };

  // ── group channel ───────────────────────────────────────────────────────
  const groupBoxes = me
    ? POWERS.filter((p) => p !== me).map((p) => {
        const box = el("input", { type: "checkbox", value: p, id: `grp-${p}` });
        return { p, box, label: el("label", { class: "check inline", for: box.id }, box, ` ${p}`) };
      })
    : [];
  const groupOpen = el("button", { type: "button", class: "small ghost" }, t("neg.openGroup"));
  groupOpen.addEventListener("click", () => {
    if (!me) return;
    const picked = groupBoxes.filter((g) => g.box.checked).map((g) => g.p);
    if (picked.length < 2) {
      report({ ok: false, error: { code: "bad_shape", message: t("neg.groupNeedsTwo") } }, "");
      return;
    }
    channel = channelOf([me, ...picked]);
    opened.add(channel);
    renderChannels();
    renderLog();
  });

  // ── proposals ───────────────────────────────────────────────────────────
  const proposals = el("div", { class: "proposals", id: "proposals" });
  const agreements = el("div", { class: "agreements", id: "agreements" });

  interface Draft {
    parties: Set<PowerId>;
    template: string;
    terms: Term[];
    duration: number;
    note: string;
  }
  const draft: Draft = { parties: new Set(), template: "", terms: [], duration: 2, note: "" };
  const composer = el("form", { class: "composer", id: "proposal-composer", novalidate: true });
  const termsHost = el("div", { class: "terms" });

  const termRow = (term: Term, i: number): HTMLElement => {
    const kind = el("select", { "aria-label": t("neg.termKind"), "data-term-kind": i });
    for (const k of TERM_KINDS) kind.append(new Option(t(`termKind.${k}`), k));
    kind.value = term.kind;
    const party = el("select", { "aria-label": t("neg.termParty"), "data-term-party": i });
    const allowed = (k: TermKind) => TERM_PARTIES[k].filter((p) => p === me || draft.parties.has(p));
    for (const p of allowed(term.kind)) party.append(new Option(powerName(p), p));
    if (!allowed(term.kind).includes(term.party)) term.party = allowed(term.kind)[0] ?? term.party;
    party.value = term.party;
    const level = el("input", {
      type: "number",
      min: 0,
      max: 100,
      value: term.level ?? 50,
      class: "level",
      "aria-label": t("neg.termLevel"),
      hidden: !LEVELLED.has(term.kind),
    });
    const group = el("select", { "aria-label": t("neg.termGroup"), hidden: term.kind !== "trade" });
    for (const g of COMMODITY_GROUPS) group.append(new Option(groupName(g), g));
    group.value = term.group ?? "minerals";
    const remove = el(
      "button",
      { type: "button", class: "small ghost", "aria-label": t("neg.removeTerm") },
      icon("close"),
    );
    kind.addEventListener("change", () => {
      term.kind = kind.value as TermKind;
      if (LEVELLED.has(term.kind)) term.level ??= 50;
      else delete term.level;
      if (term.kind === "trade") term.group ??= "minerals";
      else delete term.group;
      renderTerms();
    });
    party.addEventListener("change", () => (term.party = party.value as PowerId));
    level.addEventListener(
      "input",
      () => (term.level = Math.max(0, Math.min(100, Math.round(Number(level.value) || 0)))),
    );
    group.addEventListener("change", () => (term.group = group.value as CommodityGroup));
    remove.addEventListener("click", () => {
      draft.terms.splice(i, 1);
      renderTerms();
    });
    return el("div", { class: "term-row" }, kind, party, level, group, remove);
  };
  const renderTerms = () => {
    termsHost.replaceChildren(
      ...kids(
        ...draft.terms.map(termRow),
        draft.terms.length === 0 && !draft.template
          ? el("p", { class: "muted small" }, t("neg.noTerms"))
          : null,
      ),
    );
  };

  const partyBoxes = me
    ? POWERS.filter((p) => p !== me).map((p) => {
        const box = el("input", { type: "checkbox", value: p, id: `party-${p}`, "data-party": p });
        box.addEventListener("change", () => {
          if (box.checked) draft.parties.add(p);
          else draft.parties.delete(p);
          renderTerms();
        });
        return { p, box };
      })
    : [];
  const template = el("select", { id: "proposal-template" });
  template.append(new Option(t("neg.noTemplate"), ""));
  for (const name of Object.keys(SUMMER_2017.templates))
    template.append(new Option(t(`template.${name}`), name));
  template.addEventListener("change", () => {
    draft.template = template.value;
    const tpl = SUMMER_2017.templates[template.value];
    // A template's parties must sign: tick them.
    if (tpl) for (const term of tpl) if (term.party !== me) draft.parties.add(term.party);
    for (const pb of partyBoxes) pb.box.checked = draft.parties.has(pb.p);
    templateNote.textContent = tpl ? tpl.map((x) => termText(x)).join("; ") : "";
    renderTerms();
  });
  const templateNote = el("p", { class: "muted small" });
  const addTerm = el("button", { type: "button", class: "small", id: "add-term" }, t("neg.addTerm"));
  addTerm.addEventListener("click", () => {
    const first = [...draft.parties][0];
    draft.terms.push({ kind: "summit", party: me ?? first ?? "US" });
    renderTerms();
  });
  const duration = el("input", {
    type: "number",
    min: 1,
    max: 8,
    value: 2,
    id: "proposal-duration",
    class: "level",
  });
  const noteIn = el("input", {
    type: "text",
    maxlength: 500,
    id: "proposal-note",
    placeholder: t("neg.notePlaceholder"),
  });
  const sendProposal = el(
    "button",
    { type: "submit", class: "primary small", id: "send-proposal" },
    t("neg.propose"),
  );
  let counterOf: string | null = null;
  composer.append(
    el("h4", {}, t("neg.newProposal")),
    el(
      "fieldset",
      { class: "parties" },
      el("legend", {}, t("neg.with")),
      ...partyBoxes.map(({ p, box }) =>
        el("label", { class: "check inline", for: box.id }, box, ` ${powerName(p)}`),
      ),
    ),
    el("label", { class: "field-label", for: template.id }, t("neg.template")),
    template,
    templateNote,
    el("div", { class: "field-label" }, t("neg.terms")),
    termsHost,
    addTerm,
    el("div", { class: "row" }, el("label", { for: duration.id }, t("neg.duration")), duration),
    el("label", { class: "field-label", for: noteIn.id }, t("neg.note")),
    noteIn,
    sendProposal,
  );
  composer.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!me) return;
    const parties = [...draft.parties];
    if (parties.length === 0) {
      report({ ok: false, error: { code: "bad_terms", message: t("neg.needParty") } }, "");
      return;
    }
    const input = {
      type: "propose" as const,
      parties,
      duration: Math.max(1, Math.min(8, Math.round(Number(duration.value) || 2))),
      ...(draft.terms.length ? { terms: draft.terms.map((x) => ({ ...x })) } : {}),
      ...(draft.template ? { template: draft.template } : {}),
      ...(noteIn.value.trim() ? { note: noteIn.value.trim() } : {}),
    };
    sendProposal.disabled = true;
    // A counter-proposal: the new offer goes out, the old one is declined.
    if (counterOf) {
      const rej = await session.act({ type: "respond_proposal", id: counterOf, accept: false });
      if (!rej.ok) report(rej, "");
    }
    const r = await session.act(input);
    sendProposal.disabled = false;
    report(r, t("neg.proposed"));
    if (r.ok) {
      counterOf = null;
      draft.terms = [];
      draft.template = "";
      template.value = "";
      templateNote.textContent = "";
      noteIn.value = "";
      renderTerms();
    }
  });

  const counter = (p: Proposal) => {
    counterOf = p.id;
    draft.parties = new Set(p.parties.filter((x) => x !== me));
    for (const pb of partyBoxes) pb.box.checked = draft.parties.has(pb.p);
    draft.terms = p.terms.map((x) => ({ ...x }));
    draft.template = "";
    template.value = "";
    duration.value = String(p.duration);
    renderTerms();
    composer.querySelector<HTMLSelectElement>("select")?.focus();
    status.textContent = t("neg.countering", { id: p.id });
  };

  const proposalCard = (p: Proposal): HTMLElement => {
    const mine = me !== null && p.accepted.includes(me);
    const canAnswer = me !== null && p.status === "open" && !mine && p.parties.includes(me);
    const buttons = canAnswer
      ? el(
          "div",
          { class: "buttons" },
          ...(
            [
              ["accept", t("neg.accept"), true],
              ["reject", t("neg.reject"), false],
            ] as const
          ).map(([k, label, accept]) => {
            const b = el(
              "button",
              { type: "button", class: `small ${k === "accept" ? "primary" : ""}`, "data-respond": k },
              label,
            );
            b.addEventListener("click", async () => {
              b.disabled = true;
              report(
                await session.act({ type: "respond_proposal", id: p.id, accept }),
                accept ? t("neg.accepted") : t("neg.rejected"),
              );
            });
            return b;
          }),
          (() => {
            const b = el(
              "button",
              { type: "button", class: "small ghost", "data-respond": "counter" },
              t("neg.counter"),
            );
            b.addEventListener("click", () => counter(p));
            return b;
          })(),
        )
      : null;
    return el(
      "article",
      { class: `proposal status-${p.status}`, "data-proposal": p.id, "data-status": p.status },
      el(
        "header",
        {},
        el("strong", {}, t("neg.proposalFrom", { id: p.id, from: powerName(p.from) })),
        el("span", { class: `tag ${p.status}` }, t(`proposalStatus.${p.status}`)),
      ),
      el("p", { class: "small" }, t("neg.parties", { list: p.parties.map(powerName).join(", ") })),
      el("ul", { class: "term-list" }, ...p.terms.map((x) => el("li", {}, termText(x)))),
      el(
        "p",
        { class: "small muted" },
        t("neg.proposalMeta", {
          rounds: p.duration,
          signed: p.accepted.map(powerName).join(", "),
          round: p.round,
        }),
      ),
      p.note ? el("p", { class: "small note" }, `“${p.note}”`) : null,
      reasonsOf(p),
      buttons,
    );
  };

  /** Each party's one line of reasoning for its answer (the bots always give one). */
  const reasonsOf = (p: Proposal): HTMLElement | null => {
    const lines = p.parties.flatMap((party) => {
      const r = p.reasons?.[party];
      if (!r) return [];
      return [
        el(
          "li",
          { "data-reason": party },
          t(`answer.${r.why}`, { power: powerName(party), term: r.term ? termText(r.term) : "" }),
        ),
      ];
    });
    return lines.length ? el("ul", { class: "answer-reasons small" }, ...lines) : null;
  };

  // ── UN ──────────────────────────────────────────────────────────────────
  const un = el("div", { class: "un", id: "un" });
  const tableForm = el("form", { class: "table-draft", id: "table-draft", novalidate: true });
  const groupChecks = COMMODITY_GROUPS.map((g) => {
    const box = el("input", { type: "checkbox", value: g, id: `ung-${g}`, checked: g === "minerals" });
    return { g, box, label: el("label", { class: "check inline", for: box.id }, box, ` ${groupName(g)}`) };
  });
  const strength = el("input", {
    type: "number",
    min: 10,
    max: 100,
    value: 80,
    id: "draft-strength",
    class: "level",
  });
  const tableBtn = el("button", { type: "submit", class: "small", id: "table-draft-button" }, t("un.table"));
  tableForm.append(
    el("h4", {}, t("un.tableTitle")),
    el("fieldset", {}, el("legend", {}, t("un.groups")), ...groupChecks.map((g) => g.label)),
    el("div", { class: "row" }, el("label", { for: strength.id }, t("un.strength")), strength),
    tableBtn,
  );
  tableForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const groups = groupChecks.filter((g) => g.box.checked).map((g) => g.g);
    const s = Math.max(10, Math.min(100, Math.round(Number(strength.value) || 80)));
    const r = await session.act({ type: "table_un_draft", groups, strength: s });
    report(r, t("un.tabled"));
    // Tabled: the form starts afresh for the next draft.
    if (r.ok) {
      for (const g of groupChecks) g.box.checked = g.g === "minerals";
      strength.value = "80";
    }
  });

  const draftCard = (d: UnDraft, view: PlayerView): HTMLElement => {
    const open = d.status === "open" && view.phase === "diplomacy";
    const voter = me !== null && P5.includes(me);
    const amender = me !== null && AMENDERS.includes(me);
    const votes = P5.map((p) => `${powerName(p)}: ${d.votes[p] ? t(`vote.${d.votes[p]}`) : "—"}`).join(" · ");
    const voteButtons =
      open && voter
        ? el(
            "div",
            { class: "buttons" },
            ...VOTES.map((v) => {
              const b = el(
                "button",
                {
                  type: "button",
                  class: `small ${me && d.votes[me] === v ? "primary" : ""}`,
                  "data-vote": v,
                  "aria-pressed": String(me !== null && d.votes[me] === v),
                },
                t(`vote.${v}`),
              );
              b.addEventListener("click", async () => {
                b.disabled = true;
                report(
                  await session.act({ type: "vote_un_draft", id: d.id, vote: v }),
                  t("un.voted", { vote: t(`vote.${v}`) }),
                );
              });
              return b;
            }),
          )
        : null;
    let amend: HTMLElement | null = null;
    if (open && amender && d.strength > 0) {
      const input = el("input", {
        type: "number",
        min: 0,
        max: d.strength - 1,
        value: Math.max(0, d.strength - 20),
        class: "level",
        "aria-label": t("un.amendTo"),
      });
      const b = el("button", { type: "button", class: "small ghost", "data-amend": d.id }, t("un.amend"));
      b.addEventListener("click", async () => {
        const s = Math.max(0, Math.min(100, Math.round(Number(input.value) || 0)));
        report(await session.act({ type: "amend_un_draft", id: d.id, strength: s }), t("un.amended"));
      });
      amend = el("div", { class: "row" }, el("span", {}, t("un.amendTo")), input, b);
    }
    return el(
      "article",
      { class: `draft status-${d.status}`, "data-draft": d.id, "data-status": d.status },
      el(
        "header",
        {},
        el("strong", {}, t("un.draftTitle", { id: d.id, by: powerName(d.by) })),
        el("span", { class: `tag ${d.status}` }, t(`draftStatus.${d.status}`)),
      ),
      el(
        "p",
        { class: "small" },
        t("un.draftBody", {
          groups: d.groups.map(groupName).join(", "),
          strength: d.strength,
          tabled: d.tabledStrength,
        }),
      ),
      d.amendedBy.length
        ? el(
            "p",
            { class: "small muted" },
            t("un.amendedBy", { list: d.amendedBy.map(powerName).join(", ") }),
          )
        : null,
      el("p", { class: "small mono" }, votes),
      voteButtons,
      amend,
    );
  };

  // ── layout ──────────────────────────────────────────────────────────────
  const section = (id: string, title: string, ...body: (HTMLElement | null)[]) =>
    el("section", { class: "neg-section", "aria-labelledby": id }, el("h3", { id }, title), ...body);
  root.append(
    status,
    section(
      "neg-chat-title",
      t("neg.channels"),
      channelList,
      log,
      mutedNote,
      chatForm,
      me
        ? el(
            "details",
            { class: "group-channel" },
            el("summary", {}, t("neg.groupChannel")),
            ...groupBoxes.map((g) => g.label),
            groupOpen,
          )
        : null,
    ),
    section("neg-proposals-title", t("neg.proposals"), proposals, me ? composer : null),
    section("neg-agreements-title", t("neg.agreements"), agreements),
    section(
      "neg-un-title",
      t("un.title"),
      el("p", { class: "muted small" }, t("un.hint")),
      un,
      me && P5.includes(me) ? tableForm : null,
    ),
  );
  renderTerms();

  let lastView: PlayerView | null = null;
  let lastCount = -1;
  const update = () => {
    const view = session.view;
    if (session.messages.length !== lastCount) {
      lastCount = session.messages.length;
      renderChannels();
      renderLog();
    }
    if (isMuted() !== wasMuted) setPostable();
    const started = session.room.started;
    tableBtn.disabled = !(started && view?.phase === "diplomacy");
    sendProposal.disabled = !started || !view || view.phase === "ended";
    if (!view || view === lastView) return;
    lastView = view;
    // Open proposals first; of the answered ones, the newest few stay in view and the rest fold
    // away (bots answer at once, and refused offers used to pile up round after round).
    const open = view.proposals.filter((p) => p.status === "open");
    const decided = view.proposals.filter((p) => p.status !== "open").reverse();
    const recent = decided.slice(0, RECENT_ANSWERED);
    const older = decided.slice(RECENT_ANSWERED, RECENT_ANSWERED + OLDER_KEPT);
    const wasOpen = proposals.querySelector("details.older-proposals")?.hasAttribute("open") ?? false;
    proposals.replaceChildren(
      ...kids(
        ...open.map((p) => proposalCard(p)),
        ...recent.map((p) => proposalCard(p)),
        older.length
          ? el(
              "details",
              { class: "older-proposals", open: wasOpen },
              el("summary", {}, t("neg.olderProposals", { n: decided.length - RECENT_ANSWERED })),
              ...older.map((p) => proposalCard(p)),
            )
          : null,
        view.proposals.length === 0 ? el("p", { class: "muted" }, t("neg.noProposals")) : null,
      ),
    );
    agreements.replaceChildren(
      ...(view.agreements.length
        ? view.agreements.map((a) =>
            el(
              "article",
              { class: `agreement status-${a.status}`, "data-agreement": a.id },
              el(
                "header",
                {},
                el("strong", {}, `${a.id} · ${a.parties.map(powerName).join(", ")}`),
                el("span", { class: `tag ${a.status}` }, t(`agreementStatus.${a.status}`)),
              ),
              el("ul", { class: "term-list" }, ...a.terms.map((x) => el("li", {}, termText(x)))),
              el(
                "p",
                { class: "small muted" },
                t("neg.agreementMeta", { start: a.start, expires: a.expires }),
                a.brokenBy ? ` ${t("neg.brokenBy", { power: powerName(a.brokenBy) })}` : "",
              ),
            ),
          )
        : [el("p", { class: "muted" }, t("neg.noAgreements"))]),
    );
    const drafts = [...view.drafts].reverse();
    un.replaceChildren(
      ...(drafts.length
        ? drafts.map((d) => draftCard(d, view))
        : [el("p", { class: "muted" }, t("un.none"))]),
    );
  };

  return {
    element: root,
    update,
    unread: () =>
      channels().reduce((n, c) => n + (visible && c === channel ? 0 : unreadIn(c, session.messages)), 0),
    setVisible(v) {
      visible = v;
      markRead();
    },
  };
}
