/**
 * How each commodity is drawn (UI.md "Colour": commodity groups on flows). Keyed by name with a
 * fallback, so a commodity added to the engine still draws (as goods) before it gets its own style.
 */

export interface CommodityStyle {
  label: string;
  /** The legend's translation key (legend.<key>). */
  key: string;
  group: string;
  colour: string;
  /** A dark outline for light colours (fuel yellow). */
  outline?: string;
  /** The travelling dash, contrasting with the line. */
  dash: string;
  /** Labour is drawn dotted. */
  dotted?: boolean;
}

const MINERALS = { key: "minerals", group: "Minerals", colour: "#4D4D4D", dash: "#FFFFFF" };
const FUEL = { key: "fuel", group: "Fuel", colour: "#F0E442", outline: "#6B6415", dash: "#6B6415" };
const TEXTILES_SEAFOOD = {
  key: "textiles_seafood",
  group: "Textiles & seafood",
  colour: "#009E73",
  dash: "#FFFFFF",
};
const LABOUR = { key: "labour", group: "Labour", colour: "#CC79A7", dash: "#FFFFFF", dotted: true };
const GOODS = { key: "goods", group: "Food & goods", colour: "#999999", dash: "#FFFFFF" };

const STYLES: Readonly<Record<string, CommodityStyle>> = {
  coal: { label: "Coal", ...MINERALS },
  iron_ore: { label: "Iron ore", ...MINERALS },
  crude_oil: { label: "Crude oil", ...FUEL },
  refined_fuel: { label: "Refined fuel", ...FUEL },
  textiles: { label: "Textiles", ...TEXTILES_SEAFOOD },
  seafood: { label: "Seafood", ...TEXTILES_SEAFOOD },
  labour: { label: "Labour", ...LABOUR },
  food: { label: "Food", ...GOODS },
  consumer_goods: { label: "Consumer goods", ...GOODS },
  machinery: { label: "Machinery", ...GOODS },
};

export function styleOf(commodity: string): CommodityStyle {
  return STYLES[commodity] ?? { label: commodity.replace(/_/g, " "), ...GOODS };
}

/** Legend rows: one per group, in a fixed order. */
export const COMMODITY_GROUPS: readonly {
  key: string;
  group: string;
  colour: string;
  outline?: string;
  dotted?: boolean;
}[] = [MINERALS, FUEL, TEXTILES_SEAFOOD, LABOUR, GOODS];

/** Line width in px for a volume in $M per quarter. */
export function flowWidth(volume: number): number {
  return 1.5 + Math.sqrt(Math.max(0, volume)) / 3;
}
