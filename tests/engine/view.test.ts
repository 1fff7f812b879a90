import { expect, test } from "vitest";
import { newGame, POWERS, replay, viewFor } from "../../shared/index.js";

const game = replay(newGame({ gameId: "g", seed: 3 }), [
  { actor: "SYSTEM", input: { type: "advance_phase" } },
  {
    actor: "CN",
    input: {
      type: "submit_orders",
      orders: { actions: [{ type: "set_enforcement", announced: 90, target: 55 }] },
    },
  },
]);

test("a power sees its own achieved enforcement and orders; nobody else does", () => {
  expect(viewFor(game, "CN").enforcement.CN.actual).toBe(game.enforcement.CN.actual);
  expect(viewFor(game, "CN").orders.CN).toBeDefined();
  for (const seat of ["US", "RU", "KP", "KR", "OBSERVER"] as const) {
    const v = viewFor(game, seat);
    expect(v.enforcement.CN).toEqual({ announced: game.enforcement.CN.announced });
    expect(v.orders.CN).toBeUndefined();
    expect(JSON.stringify(v)).not.toContain('"target":55');
  }
  expect(viewFor(game, "CONTROL").orders.CN).toBeDefined();
});

test("illicit volumes reach North Korea, Control, and only those who know a node that carries them", () => {
  const illicitOf = (seat: (typeof POWERS)[number] | "OBSERVER") =>
    viewFor(game, seat)
      .flows.filter((f) => "illicit" in f)
      .map((f) => f.enforcedBy);
  expect(illicitOf("KP").length).toBe(game.flows.length);
  // China knows the Dandong front companies; Russia the Vladivostok ones (scenario knownBy).
  expect(new Set(illicitOf("CN"))).toEqual(new Set(["CN"]));
  expect(new Set(illicitOf("RU"))).toEqual(new Set(["RU"]));
  for (const seat of ["US", "KR", "OBSERVER"] as const) expect(illicitOf(seat)).toEqual([]);
  expect(viewFor(game, "CONTROL").flows.every((f) => "illicit" in f)).toBe(true);
});

test("the PRNG state never leaves the engine", () => {
  for (const seat of [...POWERS, "OBSERVER"] as const) expect(viewFor(game, seat)).not.toHaveProperty("rng");
});

test("an objective resting on hidden numbers shows no status to its owner until the end", async () => {
  const { measureVisibleTo } = await import("../../shared/engine/objectives.js");
  // China's objective on North Korea's stability reads North Korea's hidden stability.
  expect(measureVisibleTo("minNkStability", "CN")).toBe(false);
  expect(measureVisibleTo("minNkStability", "KP")).toBe(true);
  const s = newGame({ gameId: "g", seed: 9 });
  const spec = viewFor(s, "CN").objectives.CN!.find((o) => o.id === "cn-nk-stable");
  expect(spec?.status).toBe("unknown");
  expect(viewFor(s, "CONTROL").objectives.CN!.find((o) => o.id === "cn-nk-stable")?.status).not.toBe(
    "unknown",
  );
});
