/**
 * "Replay from round N": branches a game (POST /api/games/:code/branch) from the Control console
 * or the debrief. By default the branch keeps the same people in the same seats — one invitation
 * link re-seats each of them from the browser they played in — and bots where bots were. Then: the
 * branch's console, the invitation, and the compare view of the two runs.
 */
import { t } from "../i18n/index.js";
import { el, refusal } from "../ui.js";
import { httpBase, pageUrl, rememberControl } from "./net.js";

export interface BranchMade {
  code: string;
  controlToken: string;
  round: number;
  invite: string;
  seats: { power: string; name: string; bot: boolean }[];
}

/** The lobby address that re-seats a source game's players in its branch. */
export function inviteUrl(invite: string): string {
  return `${location.origin}${location.pathname.replace(/[^/]*$/, "")}${invite}`;
}

/** The compare view of two runs of the same scenario (debrief.html). */
export function compareUrl(a: string, b: string): string {
  return `debrief.html?code=${encodeURIComponent(a)}&compare=${encodeURIComponent(b)}`;
}

export function branchPanel(opts: {
  code: string;
  key: string;
  /** The last round the game reached. */
  maxRound: () => number;
  /** Posts the invitation in the source table's public chat (the console). */
  post?: (text: string) => Promise<boolean>;
}): { element: HTMLElement; update(): void } {
  const round = el("select", { id: "branch-round", "aria-label": t("branch.round") });
  const fill = () => {
    const keep = round.value;
    round.replaceChildren(
      ...Array.from(
        { length: Math.max(1, opts.maxRound()) },
        (_, i) => new Option(t("branch.fromRound", { round: i + 1 }), String(i + 1)),
      ),
    );
    if (keep && Number(keep) <= opts.maxRound()) round.value = keep;
  };
  fill();
  const seats = el("input", { type: "checkbox", id: "branch-seats", checked: true });
  const go = el("button", { type: "button", class: "primary", id: "branch-button" }, t("branch.button"));
  const status = el("p", { class: "status", role: "status", "aria-live": "polite", id: "branch-status" });
  const result = el("div", { id: "branch-result" });
  go.addEventListener("click", async () => {
    go.disabled = true;
    status.textContent = t("branch.making");
    status.className = "status";
    try {
      const r = await fetch(`${httpBase()}/api/games/${encodeURIComponent(opts.code)}/branch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: opts.key, round: Number(round.value), seats: seats.checked }),
      });
      const body = (await r.json()) as BranchMade | { error: string; message: string };
      if (!r.ok || !("code" in body)) {
        const e = body as { error: string; message: string };
        throw new Error(refusal({ code: e.error ?? "bad_shape", message: e.message ?? "" }));
      }
      rememberControl(body.code, body.controlToken);
      status.textContent = t("branch.made", { code: body.code, round: body.round });
      status.className = "status ok";
      result.replaceChildren(...made(body, seats.checked, opts));
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
      status.className = "status bad";
    } finally {
      go.disabled = false;
    }
  });
  const element = el(
    "div",
    { class: "branch-panel", id: "branch-panel" },
    el("p", { class: "muted small" }, t("branch.intro")),
    el("label", {}, el("span", {}, t("branch.round")), round),
    el("label", { class: "check" }, seats, el("span", {}, t("branch.keepSeats"))),
    el("div", { class: "actions" }, go),
    status,
    result,
  );
  // The rounds offered follow the game (the console calls it on every view).
  return { element, update: () => round.options.length !== Math.max(1, opts.maxRound()) && fill() };
}

function made(
  b: BranchMade,
  keptSeats: boolean,
  opts: { code: string; post?: (text: string) => Promise<boolean> },
): Node[] {
  const link = inviteUrl(b.invite);
  const invite = el("input", {
    readonly: true,
    value: link,
    id: "branch-invite",
    "aria-label": t("branch.invite"),
  });
  const copy = el("button", { type: "button", class: "small" }, t("branch.copy"));
  copy.addEventListener("click", () => {
    invite.select();
    void navigator.clipboard?.writeText(link).catch(() => undefined);
  });
  const out: Node[] = [
    el(
      "p",
      {},
      el(
        "a",
        { href: pageUrl("control.html", b.code, b.controlToken), target: "_blank", id: "branch-console" },
        t("branch.openConsole", { code: b.code }),
      ),
      " · ",
      el(
        "a",
        { href: compareUrl(opts.code, b.code), target: "_blank", id: "branch-compare" },
        t("branch.compare"),
      ),
    ),
  ];
  if (keptSeats) {
    const humans = b.seats.filter((s) => !s.bot);
    out.push(
      el("p", { class: "small" }, t("branch.inviteHint", { count: humans.length })),
      el("div", { class: "invite-row" }, invite, copy),
    );
    if (opts.post) {
      const post = el("button", { type: "button", class: "small", id: "branch-post" }, t("branch.post"));
      const posted = el("span", { class: "status small", role: "status" });
      post.addEventListener("click", async () => {
        post.disabled = true;
        const ok = await opts.post!(t("branch.message", { round: b.round, link }));
        posted.textContent = ok ? t("branch.posted") : "";
        post.disabled = ok;
      });
      out.push(el("p", {}, post, " ", posted));
    }
  }
  return out;
}
