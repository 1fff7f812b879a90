/**
 * Who holds which power. A power's seat is held by a team of 1–8 people (a class of 40 is five
 * teams of eight), by a bot from the start, or by a bot while its humans are away. Each person has
 * a token that takes their place back after a reload. No Colyseus here: the room persists and
 * connects; this class only decides.
 */
import { POWERS, type PowerId } from "../../shared/index.js";
import { newToken } from "../codes.js";
import type { SeatRow } from "../store.js";

export interface Member {
  token: string;
  name: string;
  /** The game's creator (the host, when the game has no Control seat). */
  host: boolean;
  sessionId: string | null;
}

export interface SeatHolder {
  power: PowerId;
  /** Empty for a seat a bot holds from the start. */
  members: Member[];
  ready: boolean;
  /** A bot plays the seat now: from the start, or while all its humans are away. */
  botActive: boolean;
}

export type Claim =
  | { ok: true; holder: SeatHolder; member: Member; created: boolean }
  | { ok: false; reason: "seat_taken" }
  | { ok: false; reason: "no_seat" };

/** Token stored for a seat a bot holds from the start (never a valid join token). */
const botToken = (p: PowerId) => `bot:${p}`;

export class Seats {
  readonly holders = new Map<PowerId, SeatHolder>();

  constructor(readonly teamSize: number) {}

  /** Rebuilds seats from their stored rows (nobody connected yet). */
  restore(rows: readonly SeatRow[]): void {
    for (const r of rows) {
      const h = this.holders.get(r.power) ?? { power: r.power, members: [], ready: r.bot, botActive: r.bot };
      if (!r.bot) h.members.push({ token: r.token, name: r.name, host: r.host, sessionId: null });
      this.holders.set(r.power, h);
    }
    // Humans get the reconnection window again before a bot steps in.
    for (const h of this.holders.values()) h.botActive = h.members.length === 0;
  }

  /** Remembers who holds what now; the returned function puts it back (a change that was not stored). */
  snapshot(): () => void {
    const saved = [...this.holders.values()].map((h) => ({ ...h, members: [...h.members] }));
    return () => {
      this.holders.clear();
      for (const h of saved) this.holders.set(h.power, h);
    };
  }

  seatBot(power: PowerId): SeatRow {
    this.holders.set(power, { power, members: [], ready: true, botActive: true });
    return { power, name: "Bot", token: botToken(power), bot: true, host: false };
  }

  /** Before the start a bot's seat can be taken by a human; after it, only empty ones. */
  private open(p: PowerId, started: boolean): boolean {
    const h = this.holders.get(p);
    if (!h) return true;
    if (h.members.length === 0) return !started;
    return h.members.length < this.teamSize;
  }

  /**
   * A new person asks for a power (or any). Auto-assignment fills empty seats first, then the
   * smallest team.
   */
  claim(opts: { power?: PowerId; name: string; host: boolean; started: boolean }): Claim {
    let power = opts.power;
    if (power && !this.open(power, opts.started)) return { ok: false, reason: "seat_taken" };
    if (!power) {
      const open = POWERS.filter((p) => this.open(p, opts.started));
      open.sort(
        (a, b) => (this.holders.get(a)?.members.length ?? 0) - (this.holders.get(b)?.members.length ?? 0),
      );
      power = open[0];
    }
    if (!power) return { ok: false, reason: "no_seat" };
    let holder = this.holders.get(power);
    if (!holder || holder.members.length === 0) {
      holder = { power, members: [], ready: false, botActive: false };
      this.holders.set(power, holder);
    }
    const member: Member = { token: newToken(), name: opts.name, host: opts.host, sessionId: null };
    holder.members.push(member);
    return { ok: true, holder, member, created: true };
  }

  byToken(token: string): { holder: SeatHolder; member: Member } | undefined {
    for (const holder of this.holders.values()) {
      const member = holder.members.find((m) => m.token === token);
      if (member) return { holder, member };
    }
    return undefined;
  }

  bySession(sessionId: string): { holder: SeatHolder; member: Member } | undefined {
    for (const holder of this.holders.values()) {
      const member = holder.members.find((m) => m.sessionId === sessionId);
      if (member) return { holder, member };
    }
    return undefined;
  }

  /** Connects a person; returns the session their token was connected from before, if any. */
  attach(holder: SeatHolder, member: Member, sessionId: string): string | null {
    const previous = member.sessionId && member.sessionId !== sessionId ? member.sessionId : null;
    member.sessionId = sessionId;
    holder.botActive = false;
    return previous;
  }

  detach(sessionId: string): SeatHolder | undefined {
    const found = this.bySession(sessionId);
    if (found) found.member.sessionId = null;
    return found?.holder;
  }

  connected(holder: SeatHolder): boolean {
    return holder.members.some((m) => m.sessionId !== null);
  }

  /** Seats with at least one person connected and no bot playing. */
  humanSeats(): SeatHolder[] {
    return [...this.holders.values()].filter((h) => !h.botActive && this.connected(h));
  }

  rowOf(holder: SeatHolder, member: Member): SeatRow {
    return { power: holder.power, name: member.name, token: member.token, bot: false, host: member.host };
  }

  displayName(holder: SeatHolder): string {
    return holder.members.length === 0 ? "Bot" : holder.members.map((m) => m.name).join(", ");
  }
}
