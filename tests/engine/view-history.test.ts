/**
 * The history a seat's charts read (shared/view.ts, `historyPointView`): secrecy.test.ts proves no
 * seat sees a private series it may not know; this file proves each seat gets every series it may
 * know — Control the state's points in full, a power its own achieved enforcement, North Korea
 * its illicit trade and stocks, China its discontent and border trade, Russia its trade.
 */
import { expect, test } from "vitest";
import { type GameState, POWERS, SEATS, type Seat, type viewFor } from "../../shared/index.js";
import { play } from "./helpers.js";

let fresh = 0;
/**
 * A new instance of shared/view.ts: its history cache has seen nothing, so what the test reads was
 * built by the test (the bots that played the game warmed the shared instance's cache).
 */
async function freshViewFor(): Promise<typeof viewFor> {
  const url = `../../shared/view.ts?history=${++fresh}`;
  return ((await import(/* @vite-ignore */ url)) as { viewFor: typeof viewFor }).viewFor;
}

const states: GameState[] = play(3, () => ({}), { bots: [...POWERS], maxRounds: 4 });
const s = states[states.length - 1]!;

/** The private series each seat may read, beside the public ones. */
const OWN: Record<Seat, string[]> = {
  US: [],
  KR: [],
  CN: ["discontent", "borderTrade"],
  RU: ["ruTrade"],
  KP: ["illicitTrade", "nk"],
  CONTROL: [],
  OBSERVER: [],
};

test("the game played has history to show", () => {
  expect(s.history.length).toBeGreaterThanOrEqual(3);
});

test("Control's history is the state's history, point for point", async () => {
  expect((await freshViewFor())(s, "CONTROL").history).toEqual(s.history);
});

for (const seat of SEATS.filter((x) => x !== "CONTROL")) {
  test(`${seat}'s history has the public series, its own achieved enforcement and its own private series`, async () => {
    const history = (await freshViewFor())(s, seat).history;
    expect(history).toHaveLength(s.history.length);
    history.forEach((v, i) => {
      const h = s.history[i]!;
      const {
        actual: _a,
        illicitTrade: _i,
        nk: _n,
        discontent: _d,
        borderTrade: _b,
        ruTrade: _r,
        ...pub
      } = h;
      const expected: Record<string, unknown> = { ...pub, actual: {} };
      if ((POWERS as readonly string[]).includes(seat)) expected.actual = { [seat]: h.actual[seat as never] };
      for (const k of OWN[seat]) expected[k] = h[k as keyof typeof h];
      expect(v).toEqual(expected);
    });
  });
}
