/**
 * DEV ONLY (`?demo=1`, built in only with `vite` dev or VITE_DEMO=1): the game screen driven by the
 * shared engine locally, without a server, to look at the map and panels.
 * `?demo=1&power=KP&phase=orders` picks the seat and starts in the orders phase.
 * "Ready" advances the phase as if every seat were ready; orders go through the engine's `step`.
 */

import { step } from "../shared/engine/step.js";
import type { OrdersInput } from "../shared/orders.js";
import { isPower, POWERS, type PowerId } from "../shared/powers.js";
import type { ControlCommand, Reply } from "../shared/protocol.js";
import { newGame } from "../shared/scenario.js";
import type { GameState } from "../shared/state.js";
import { viewFor } from "../shared/view.js";
import { type ActInput, BaseSession } from "./session.js";

class DemoSession extends BaseSession {
  #state: GameState;
  readonly #power: PowerId;
  #ready = false;

  constructor(power: PowerId, ordersPhase: boolean) {
    super();
    this.#power = power;
    this.#state = newGame({ gameId: "DEMO42", seed: 42 });
    if (ordersPhase) this.#advance();
    this.seat = { seat: power, power, code: "DEMO42", host: true };
    this.#publish();
  }

  #advance(): void {
    const r = step(this.#state, "SYSTEM", { type: "advance_phase" });
    if (r.ok) this.#state = r.value;
    this.#ready = false;
  }

  #publish(): void {
    const s = this.#state;
    this.view = viewFor(s, this.#power);
    this.room = {
      code: "DEMO42",
      started: true,
      phase: s.phase,
      round: s.round,
      maxRounds: s.maxRounds,
      pausedRemaining: 0,
      hasControl: false,
      observers: 0,
      deadline: s.phase === "ended" ? 0 : Date.now() + (s.phase === "orders" ? 120_000 : 240_000),
      paused: false,
      advisor: true,
      seats: POWERS.map((p) => ({
        power: p,
        name: p === this.#power ? "You (demo)" : `Bot ${p}`,
        connected: true,
        ready: p === this.#power ? this.#ready : false,
        bot: p !== this.#power,
        muted: false,
      })),
    };
    this.changed();
  }

  async submitOrders(orders: OrdersInput): Promise<Reply> {
    const r = step(this.#state, this.#power, { type: "submit_orders", orders });
    if (!r.ok) return r;
    this.#state = r.value;
    this.#publish();
    return { ok: true };
  }

  async setReady(ready: boolean): Promise<Reply> {
    this.#ready = ready;
    if (ready) {
      setTimeout(() => {
        this.#advance();
        this.#publish();
      }, 600);
    }
    this.#publish();
    return { ok: true };
  }

  async act(input: ActInput): Promise<Reply> {
    const r = step(this.#state, this.#power, input);
    if (!r.ok) return r;
    this.#state = r.value;
    this.#publish();
    return { ok: true };
  }

  async chat(channel: string, text: string): Promise<Reply> {
    const id = this.messages.length;
    const round = this.#state.round;
    this.addMessages([{ id, channel, from: this.#power, name: "You (demo)", text, round, at: Date.now() }]);
    return { ok: true };
  }

  async control(_command: ControlCommand): Promise<Reply> {
    return { ok: false, error: { code: "control_only", message: "No clock in the demo." } };
  }

  leave(): void {}
}

export function demoSession(params: URLSearchParams): DemoSession {
  const p = (params.get("power") ?? "CN").toUpperCase();
  return new DemoSession(isPower(p) ? p : "CN", params.get("phase") === "orders");
}
