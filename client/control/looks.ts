/** Small presentation helpers of the facilitator pages (the game screen keeps its own copies). */
import { t } from "../i18n/index.js";

export function crisisWord(level: number): string {
  if (level >= 80) return t("crisis.severe");
  if (level >= 60) return t("crisis.high");
  if (level >= 40) return t("crisis.elevated");
  if (level >= 20) return t("crisis.guarded");
  return t("crisis.low");
}

/** Green → amber → red, always beside the number and its word (UI.md). */
export function crisisColour(level: number): string {
  if (level >= 66) return "#D9544A";
  if (level >= 33) return "#E69F00";
  return "#009E73";
}
