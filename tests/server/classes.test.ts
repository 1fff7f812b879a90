/** Class sessions: one class code spreads students evenly over the tables; the teacher is Control at each. */
import { expect, test } from "vitest";
import { connect, until, useTestServer } from "./helpers.js";

const server = useTestServer();

test("a class of seven fills three tables evenly; the teacher controls every table", async () => {
  const created = await fetch(`${server().base}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Period 3", tables: 3, preset: "quick" }),
  });
  expect(created.status).toBe(200);
  const cls = (await created.json()) as {
    code: string;
    teacherToken: string;
    tables: { code: string; controlToken: string }[];
  };
  expect(cls.tables).toHaveLength(3);

  const { sdk } = server().colyseus;
  const seated: Record<string, number> = {};
  for (let i = 0; i < 7; i++) {
    const { table } = (await (await fetch(`${server().base}/api/seat-for/${cls.code}`)).json()) as {
      table: string;
    };
    const student = await connect(await sdk.joinById(table, { name: `S${i}` }));
    expect(student.seat.seat).not.toBe("CONTROL");
    expect(student.seat.host).toBe(false);
    seated[table] = (seated[table] ?? 0) + 1;
  }
  expect(Object.values(seated).sort()).toEqual([2, 2, 3]);

  // The teacher's dashboard: Control at each table, which can start and pause it.
  const dash = (await (
    await fetch(`${server().base}/api/classes/${cls.code}?key=${cls.teacherToken}`)
  ).json()) as typeof cls;
  expect(dash.tables).toEqual(cls.tables);
  for (const t of dash.tables) {
    const control = await connect(await sdk.joinById(t.code, { controlToken: t.controlToken }));
    expect(control.seat.seat).toBe("CONTROL");
    expect(await control.room.request("control", { command: "start" })).toEqual({ ok: true });
    expect(await control.room.request("control", { command: "pause" })).toEqual({ ok: true });
    await until(() => control.room.state.paused === true);
  }
  expect((await fetch(`${server().base}/api/classes/${cls.code}?key=wrong`)).status).toBe(404);
  const bad = await fetch(`${server().base}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tables: 40 }),
  });
  expect(bad.status).toBe(400);
});
