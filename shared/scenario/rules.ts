/**
 * The tuning numbers of the rules, named, with their zod schema. They live in the scenario file
 * (data) so facilitators and balance passes can change them without touching the engine.
 */
import { z } from "zod";

const Int = z.number().int();

export const RulesSchema = z
  .object({
    /** Achieved enforcement moves up at most this much per round toward the target. */
    enforcementStepUp: Int.min(1).max(100),
    enforcementStepDown: Int.min(1).max(100),
    /** A raised target nobody pays for moves achieved enforcement up at most this much (optics). */
    crackdownStep: Int.min(0).max(100),
    /** Share (%) of achieved-above-baseline kept each round when not sustained: R' = B + (R − B)·fade. */
    enforcementFade: Int.min(0).max(100),
    /** Each this-many points of target above baseline cost 1 action point per round to sustain. */
    upkeepPerPoint: Int.min(1),
    tensionKeep: Int.min(0).max(100),
    /** Share (%) of US–China tension subtracted from China's enforcement baseline. */
    tensionWeight: Int.min(0).max(100),
    pressureKeep: Int.min(0).max(100),
    /** Share (%) of pressure added to a power's enforcement baseline… */
    pressureWeight: Int.min(0).max(100),
    /** …up to this many points at most. */
    pressureMax: Int.min(0).max(100),
    /** Russia's baseline moves by US–Russia relations divided by this. */
    ruRelationsDivisor: Int.min(1),
    crisisDecayBase: Int.min(0),
    /** Extra decay, % of the crisis level. */
    crisisDecayShare: Int.min(0).max(100),
    warThreshold: Int.min(1).max(100),
    refugeeThreshold: Int.min(0).max(100),
    collapseThreshold: Int.min(0).max(100),
    collapseRounds: Int.min(1),
    nkStabilityBase: Int.min(0).max(100),
    nkMaxFall: Int.min(1),
    nkMaxRise: Int.min(1),
    currencyComfort: Int.min(1),
    fuelConsumption: Int.min(1),
    fuelStorage: Int.min(1),
    foodComfort: Int.min(0).max(100),
    harvest: Int.min(0).max(100),
    foodImportsNormal: Int.min(1),
    regimeUpkeep: Int.min(0),
    /** Stability stress (max 20) per 100% of goods imports North Korea cannot get. */
    shortageWeight: Int.min(0).max(100),
    testSuccessBase: Int.min(0).max(100),
    testSuccessMax: Int.min(0).max(100),
    progressMin: Int.min(0).max(100),
    progressMax: Int.min(0).max(200),
    progressOnFailure: Int.min(0).max(100),
    readinessPerTest: Int.min(0).max(50),
    readinessPassive: Int.min(0).max(20),
    /** Hard currency at which the programme is fully funded: the starting reserves, so any squeeze shows. */
    currencyFull: Int.min(1),
    discontentKeep: Int.min(0).max(100),
    /** Discontent points per $100M of border trade lost against the start. */
    discontentPer100M: Int.min(0),
    discontentThreshold: Int.min(0).max(100),
    illicitRegrowDelay: Int.min(1),
    illicitRegrowShare: Int.min(0).max(100),
    illicitGrowth: Int.min(0).max(100),
    divertShare: Int.min(0).max(100),
    financeSqueezeUS: Int.min(0).max(100),
    financeSqueezeCN: Int.min(0).max(100),
    detectBase: Int.min(0).max(100),
    detectPerIntel: Int.min(0).max(100),
    intelMax: Int.min(1),
    backfillBase: Int.min(0).max(100),
    backfillRelations: Int.min(0).max(100),
    relationsDrift: Int.min(0).max(100),
    breachRelations: Int.min(0).max(100),
    breachStanding: Int.min(0).max(100),
    crisisHurtsKorea: Int.min(0).max(100),
    strikeWarBase: Int.min(0).max(100),
    adjudication1: Int.min(0).max(100),
    adjudication2: Int.min(0).max(100),
    adjudication3: Int.min(0).max(100),
    adjudication4: Int.min(0).max(100),
    adjudication5: Int.min(0).max(100),
    pointsSuccess: Int.min(0),
    pointsPartial: Int.min(0),
    agendaSuccess: Int.min(0),
    agendaPartial: Int.min(0),
    par: Int.min(1),
    grandBargainBonus: Int.min(0),
    collapsePenalty: Int.min(0),
    warScoreUS: Int,
    warScoreCN: Int,
    warScoreRU: Int,
    warScoreKP: Int,
    warScoreKR: Int,
    warPusherPenalty: Int.min(0),
  })
  .strict();
export type Rules = z.infer<typeof RulesSchema>;
