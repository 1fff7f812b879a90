/**
 * The English text of events and explanations, rendered from the records the engine keeps (a kind
 * plus numbers and ids). The engine records what happened and the view sends the records as they
 * are: the client says them in its reader's language (client/game/words.ts). This English is for
 * where the server or a script wants a sentence: the record's export (server/record.ts), the example
 * bot, tests.
 *
 * Renderers are total: a record missing a field (a bot's guessed state copies events from a view)
 * renders with a gap rather than throwing.
 */
import type { Scenario } from "../scenario/schema.js";
import type { EventRecord, Reason } from "../state.js";
import { catalogueOf } from "./catalogue.js";
import { pctChange, signed } from "./explain.js";
import { STAGE_NAMES } from "./programme.js";

type FlowSpec = Scenario["flows"][number];
const flowCache = new WeakMap<Scenario, Map<string, FlowSpec>>();
function flowsOf(sc: Scenario): Map<string, FlowSpec> {
  let m = flowCache.get(sc);
  if (!m) {
    m = new Map(sc.flows.map((f) => [f.id, f]));
    flowCache.set(sc, m);
  }
  return m;
}

/** "coal KP→CN": a flow as the explanations name it. */
function flowName(sc: Scenario, id: string): string {
  const f = flowsOf(sc).get(id);
  return f ? `${f.commodity} ${f.from}→${f.to}` : id;
}

/** The text of an event. */
export function eventText(sc: Scenario, e: EventRecord): string {
  const d = e.data;
  const x = e.extra ?? {};
  switch (e.kind) {
    case "enforcement_announced":
      return `${d.power} announces sanctions enforcement at ${d.to} (was ${d.from}).`;
    case "trade_policy":
      return `${d.power} sets its ${d.group} trade with North Korea to ${d.level}%.`;
    case "pipeline":
      return `China sets the crude pipeline to ${d.level}%.`;
    case "inspections":
      return `Your inspections at Dandong set to ${d.level}%.`;
    case "fuel_sales":
      return `Your off-book fuel sales set to ${d.level}%.`;
    case "exercises_policy":
      return `${d.power} ${d.on ? "wants the joint exercises held" : "postpones the joint exercises"}.`;
    case "md_consent":
      return `South Korea ${d.on ? "consents to" : "refuses"} further missile defence.`;
    case "tariffs":
      return `The US ${d.on ? "imposes" : "lifts"} tariffs on China.`;
    case "moratorium":
      return `North Korea ${d.on ? "declares" : "ends"} a moratorium on tests.`;
    case "labourers":
      return `North Korea sets its workers abroad to ${d.level}%.`;
    case "engagement":
      return `South Korea sets inter-Korean engagement to ${d.level}%.`;
    case "statement":
      return `${d.power}: “${x.text}”`;
    case "matrix_queued":
      return `${d.power}'s free-form action awaits Control.`;
    case "retaliation":
      return `China retaliates economically against ${d.target}.`;
    case "summit_held":
      return `${d.a} and ${d.b} hold a summit.`;
    case "talks_offered":
      return `${d.from} offers talks to ${d.to}.`;
    case "designated": {
      const entity = sc.entities.find((n) => n.id === d.entity);
      return `The US designates ${entity?.name ?? d.entity} (secondary sanctions).`;
    }
    case "intel_report":
      return d.found
        ? `Your intelligence found: ${x.names} (${d.region}).`
        : `Your intelligence found nothing new in ${d.region}.`;
    case "node_closed":
      return `${x.by} exposed ${x.name}: it shuts down ($${d.capacity}M a quarter).`;
    case "smuggling_capped":
      return "The network is at its ceiling: no room to grow.";
    case "smuggling_op":
      return `Smuggling capacity in ${d.region} +$${d.add}M.`;
    case "node_opened":
      return `A new illicit node opened in ${d.region} ($${x.capacity}M).`;
    case "md_arrived":
      return `${d.launchers} missile-defence launchers installed in South Korea.`;
    case "md_deployed":
      return `The US deploys ${d.launchers} more missile-defence launchers in South Korea.`;
    case "md_blocked":
      return "South Korea refuses further missile-defence launchers.";
    case "strike_war":
      return "The US strikes North Korea's programme. North Korea answers: war.";
    case "strike":
      return "The US strikes North Korea's programme; North Korea does not answer in kind — yet.";
    case "missile_tested":
      return d.success
        ? x.stageUp
          ? `North Korea tests a missile successfully: range stage ${d.stage} (${STAGE_NAMES[d.stage as number]}).`
          : `North Korea tests a missile successfully; range stage ${d.stage}.`
        : "North Korea tests a missile; the test fails.";
    case "programme_progress":
      return `Progress toward the next stage: ${d.progress}/100 (resources ${d.resources}%).`;
    case "nuclear_tested":
      return "North Korea conducts a nuclear test.";
    case "russia_backfilled":
      return `Russia supplied $${d.backfill}M more to North Korea as China's supply fell ($${d.wanted}M wanted, channel $${d.capacity}M).`;
    case "cyber_attributed":
      return "A large cyber theft is attributed to North Korea.";
    case "refugees":
      return "Refugees from North Korea cross into China; Beijing is alarmed.";
    case "crisis_costs":
      return `Crisis at ${d.crisis}: markets in Seoul fall, people worry.`;
    case "proposal":
      return `${d.from} proposes an agreement to ${x.to}.`;
    case "proposal_rejected":
      return `${d.by} rejects proposal ${d.id}.`;
    case "agreement_signed":
      return x.grand
        ? "All five powers sign a grand bargain."
        : `${x.parties} sign an agreement (${x.terms}), for ${x.duration} round(s).`;
    case "breach_unseen":
      return `${x.party} is not keeping the "${x.term}" term of ${d.id}.`;
    case "agreement_broken":
      return `${d.by} broke agreement ${d.id} (${d.term}).`;
    case "agreement_expired":
      return `Agreement ${d.id} ran its course and was honoured.`;
    case "collapse":
      return "The North Korean regime collapses.";
    case "war":
      return `The crisis reaches the brink: war on the Korean peninsula${d.pusher === "none" ? "" : ` (pushed over by ${d.pusher})`}.`;
    case "draft_tabled":
      return `${x.by} tables a UN draft on ${x.groups} at strength ${x.strength}.`;
    case "draft_amended":
      return `${x.by} softens draft ${d.id}: strength ${x.from} → ${x.to}.`;
    case "un_vote":
      return `${x.by} votes ${d.vote} on draft ${d.id}.`;
    case "draft_vetoed":
      return `Draft ${d.id} is vetoed by ${x.by}.`;
    case "resolution_adopted":
      return `The Security Council adopts ${x.name}: ${x.groups} at strength ${d.strength}${(d.strength as number) < (x.tabled as number) ? ` (tabled at ${x.tabled})` : ""}.`;
    case "inject":
      return `${d.title}: ${x.text}`;
    case "adjudicated":
      return d.roll === undefined
        ? `${d.title}: ${d.success ? "succeeds" : "fails"} (chance ${d.chance}%).`
        : `${d.power ? `${d.power}'s free-form action ` : ""}${d.title}: ${d.success ? "succeeds" : "fails"} (roll ${d.roll}; it needed ${d.chance} or less).`;
    case "matrix_deferred":
      return `Control deferred ${d.power}'s free-form action to a later round${x.reason ? `: ${x.reason}` : "."}`;
    case "override":
      return `Control set ${x.what}: ${d.from} → ${d.to}. Reason: ${x.reason}`;
  }
  // A move whose event is its catalogue label ("US: Show of force.").
  const spec = (catalogueOf(sc) as Record<string, { label: string } | undefined>)[e.kind];
  return spec ? `${d.power}: ${spec.label}.` : e.kind;
}

/** The text of one reason an index moved. */
export function reasonText(sc: Scenario, x: { from: number; to: number }, r: Reason): string {
  switch (r.why) {
    case "label":
      return r.label;
    case "summit":
      return `summit of ${r.a} and ${r.b}`;
    case "decay":
      return `the crisis cools a little each round: −${r.value}`;
    case "scenario_baseline":
      return `scenario baseline ${r.value}`;
    case "pressure":
      return `pressure on you: ${r.value}`;
    case "tension":
      return `US–China tension ${r.value}`;
    case "sustained":
      return `your achieved enforcement ${r.before} → ${r.after}: you paid to sustain enforcement: achieved moves toward your target ${r.target}`;
    case "crackdown":
      return `your achieved enforcement ${r.before} → ${r.after}: your new target ${r.target} starts a crackdown; unsustained, it reaches at most ${r.cap}`;
    case "drift":
      return `your achieved enforcement ${r.before} → ${r.after}: not sustained: achieved drifts back toward your baseline ${r.baseline}`;
    case "flow_owner":
      return `${flowName(sc, r.flow)} ${pctChange(x.from, x.to)}: your achieved enforcement ${r.before} → ${r.after}, trade policy ${r.level}%, banned share ${r.banned}%`;
    case "flow_public":
      return `${flowName(sc, r.flow)} ${pctChange(x.from, x.to)}; banned share ${r.banned}%, ${r.enforced ? "enforcement stopping part of it" : "no enforcement effect"}`;
    case "illicit_flow":
      return `illicit ${flowName(sc, r.flow)} ${pctChange(x.from, x.to)}: network capacity and what enforcement diverted`;
    case "exposed":
      return `${r.by} exposed ${r.name}`;
    case "test_succeeded":
      return `missile test succeeded: readiness +${r.value}`;
    case "nuclear_test":
      return `nuclear test: readiness +${r.value}`;
    case "passive":
      return `steady work on warheads and reliability: +${r.value}`;
    case "resources":
      return `resources (hard currency and fuel) at ${r.value}% of what the programme needs`;
    case "stage":
      return `a successful test showed a longer range (${STAGE_NAMES[r.stage]})`;
    case "cyber_theft":
      return `cyber theft +$${r.value}M`;
    case "exports":
      return `official exports and workers abroad: +$${r.value}M to the state`;
    case "illicit_sales":
      return `illicit sales moved through accounts abroad: +$${r.value}M`;
    case "imports":
      return `imports paid in hard currency: −$${r.value}M`;
    case "upkeep":
      return `the regime's fixed needs: −$${r.value}M`;
    case "tests":
      return `tests: −$${r.value}M`;
    case "unpaid":
      return `$${r.value}M of bills unpaid: imports of fuel and food shrink`;
    case "fuel":
      return `fuel in: ${r.fuelIn} kt; used: ${r.used} kt`;
    case "food":
      return `harvest plus $${r.imports}M of food imports and aid: supply ${r.supply}`;
    case "kp_trade":
      return `total trade at ${r.value}% of mid-2017`;
    case "nk_stress":
      return `hard currency stress ${r.currency}, fuel stress ${r.fuel}, food stress ${r.food}: stability heads for ${r.target}`;
    case "nk_max_move":
      return `it moves at most −${r.fall}/+${r.rise} a round`;
    case "border_trade":
      return `border trade through Dandong $${r.now}M (mid-2017: $${r.start}M)`;
    case "inspections":
      return `inspections at ${r.value}%`;
    case "discontent":
      return `discontent in the border economy at ${r.value}`;
    case "ru_trade":
      return `trade with North Korea $${r.now}M a quarter (mid-2017: $${r.start}M): ${signed(r.gain)}`;
    case "implied":
      return `implied ${r.owner} enforcement ${r.lo}–${r.hi}`;
  }
  return "";
}
