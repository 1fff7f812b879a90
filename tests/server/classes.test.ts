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

test("the class gradebook: one CSV row per student across the tables, ready for an LMS import", async () => {
  const created = (await (
    await fetch(`${server().base}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Period 4", tables: 2, preset: "quick" }),
    })
  ).json()) as { code: string; teacherToken: string; tables: { code: string; controlToken: string }[] };
  const { sdk } = server().colyseus;
  const students = [];
  for (const name of ["Ana", "=cmd|' /C calc'!A0"]) {
    const { table } = (await (await fetch(`${server().base}/api/seat-for/${created.code}`)).json()) as {
      table: string;
    };
    students.push(await connect(await sdk.joinById(table, { name })));
  }
  expect(students[0]!.seat.code).not.toBe(students[1]!.seat.code);
  const [ana] = students;
  const at = created.tables.find((t) => t.code === ana!.seat.code)!;
  const control = await connect(await sdk.joinById(at.code, { controlToken: at.controlToken }));
  const ok = async (p: Promise<unknown>) => expect(await p).toEqual({ ok: true });
  await ok(control.room.request("control", { command: "start" }));
  await ok(
    control.room.request("act", {
      type: "control_reflection",
      round: 0,
      text: "What surprised you?",
      required: true,
    }),
  );
  await ok(ana!.room.request("chat", { channel: "public", text: "Hello, table." }));
  await ok(control.room.request("control", { command: "advance" }));
  await until(() => ana!.latest().phase === "orders");
  await ok(
    ana!.room.request("orders", {
      actions: [{ type: "statement", text: "We seek calm.", rationale: "Signal restraint first." }],
    }),
  );
  await ok(control.room.request("control", { command: "advance" }));
  await until(() => ana!.latest().round === 2);
  await ok(ana!.room.request("act", { type: "write_memo", round: 1, text: 'China\'s reaction, "quick".' }));

  const res = await fetch(
    `${server().base}/api/classes/${created.code}/gradebook?key=${created.teacherToken}`,
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/csv/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  const lines = text.split("\r\n");
  expect(lines[0]).toBe(
    "student,table,table_code,power,orders_round_1,orders_round_2,orders_round_3,orders_round_4,rounds_with_orders,rationales_written,memos_written,required_memos_missing,messages_sent,objectives_met,objectives_total,result_vs_par_percent,score,par,memos",
  );
  expect(lines).toHaveLength(4); // header, two students, the final CRLF
  const anaRow = lines.find((l) => l.startsWith("Ana,"))!.split(",");
  expect(anaRow.slice(1, 4)).toEqual([String(created.tables.indexOf(at) + 1), at.code, ana!.seat.power!]);
  expect(anaRow.slice(4, 14)).toEqual(["1", "", "", "", "1", "1", "1", "0", "1", anaRow[13]!]);
  expect(text).toContain(`"R1: China's reaction, ""quick""."`);
  // The other student's name, which a spreadsheet would run as a formula, reads as text.
  expect(text).toContain(`'=cmd|' /C calc'!A0,`);
  expect((await fetch(`${server().base}/api/classes/${created.code}/gradebook?key=wrong`)).status).toBe(404);
});
