/**
 * A store whose writes can be made to fail, for fault tests: "refuse" (the storage refuses: nothing
 * is stored, like a full disk) or "lost_ack" (stored, but the answer is lost on the way back, like
 * a database connection dropped at commit). Reads always pass through.
 */
import type { Store, WriteGroup } from "../../server/store.js";

export type Fault = "none" | "refuse" | "lost_ack";

export interface FaultyStore extends Store {
  fault: Fault;
  /** Every group a refused or unanswered batch carried. */
  readonly refused: WriteGroup[];
}

export function faulty(inner: Store): FaultyStore {
  const state = { fault: "none" as Fault, refused: [] as WriteGroup[] };
  return new Proxy(inner, {
    get(target, key) {
      if (key === "fault" || key === "refused") return state[key];
      if (key === "write")
        return async (groups: readonly WriteGroup[]) => {
          if (state.fault === "refuse") {
            state.refused.push(...groups);
            throw new Error("SQLITE_FULL: database or disk is full (injected)");
          }
          if (state.fault === "lost_ack") {
            await target.write(groups);
            state.refused.push(...groups);
            throw new Error("Connection terminated unexpectedly (injected, after commit)");
          }
          return target.write(groups);
        };
      const v = Reflect.get(target, key);
      return typeof v === "function" ? v.bind(target) : v;
    },
    set(target, key, value) {
      if (key === "fault") {
        state.fault = value as Fault;
        return true;
      }
      return Reflect.set(target, key, value);
    },
  }) as FaultyStore;
}
