/**
 * Places drawn on the map: cities and ports, seas, and far-off places shown as edge markers.
 * Coordinates are [longitude, latitude] in degrees (WGS84), rounded to 0.01°.
 */
import type { PowerId } from "../../shared/powers.js";

export interface City {
  name: string;
  lonLat: [number, number];
  /** The power the city belongs to (colours its dot). Taipei and Tokyo belong to none of the five. */
  power: PowerId | null;
  capital: boolean;
  /**
   * A small on-screen shift in px for places that would overlap at map scale (Dandong and Sinuiju
   * face each other across the Yalu, 3 km apart). The map is schematic there; the table is exact.
   */
  nudge?: [number, number];
  /** Where the label goes relative to the dot. */
  label: "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw";
}

export const CITIES: readonly City[] = [
  { name: "Beijing", lonLat: [116.41, 39.9], power: "CN", capital: true, label: "w" },
  { name: "Dandong", lonLat: [124.38, 40.13], power: "CN", capital: false, nudge: [-30, -16], label: "n" },
  { name: "Sinuiju", lonLat: [124.4, 40.1], power: "KP", capital: false, nudge: [4, 7], label: "e" },
  { name: "Pyongyang", lonLat: [125.75, 39.03], power: "KP", capital: true, label: "e" },
  { name: "Nampo", lonLat: [125.4, 38.73], power: "KP", capital: false, label: "sw" },
  { name: "Rajin", lonLat: [130.3, 42.25], power: "KP", capital: false, label: "w" },
  { name: "Vladivostok", lonLat: [131.89, 43.12], power: "RU", capital: false, label: "e" },
  { name: "Seoul", lonLat: [126.98, 37.57], power: "KR", capital: true, label: "e" },
  { name: "Busan", lonLat: [129.08, 35.18], power: "KR", capital: false, label: "e" },
  { name: "Tokyo", lonLat: [139.69, 35.69], power: null, capital: true, label: "e" },
  { name: "Taipei", lonLat: [121.56, 25.03], power: null, capital: true, label: "e" },
];

export const cityByName: ReadonlyMap<string, City> = new Map(CITIES.map((c) => [c.name, c]));

export interface Sea {
  name: string;
  /** A second line, e.g. the Korean name. */
  sub?: string;
  lonLat: [number, number];
  /** Text rotation in degrees. */
  angle: number;
}

export const SEAS: readonly Sea[] = [
  { name: "Yellow Sea", lonLat: [123.3, 36.2], angle: -8 },
  { name: "Bohai", lonLat: [119.8, 38.7], angle: 0 },
  { name: "East China Sea", lonLat: [125.6, 29.3], angle: 0 },
  { name: "Sea of Japan", sub: "(East Sea)", lonLat: [134.2, 40.2], angle: 32 },
  { name: "Pacific Ocean", lonLat: [135.5, 30.6], angle: 0 },
];

/** Places beyond the map's edge, shown as markers on the border pointing their way. */
export interface FarPlace {
  name: string;
  lonLat: [number, number];
}

export const FAR_PLACES: readonly FarPlace[] = [
  { name: "Moscow", lonLat: [37.62, 55.76] },
  { name: "Alaska", lonLat: [-149.9, 61.22] },
  { name: "Hawaii", lonLat: [-157.86, 21.31] },
  { name: "Washington", lonLat: [-77.04, 38.9] },
  { name: "Guam", lonLat: [144.79, 13.44] },
];

/** The programme's range stages (DESIGN: 0 none → 1 Japan → … → 5 continental US), approximate. */
export const RANGE_STAGES: readonly { stage: number; km: number; reaches: string }[] = [
  { stage: 1, km: 1300, reaches: "Japan" },
  { stage: 2, km: 3400, reaches: "Guam" },
  { stage: 3, km: 5500, reaches: "Alaska" },
  { stage: 4, km: 7500, reaches: "Hawaii" },
  { stage: 5, km: 10000, reaches: "continental US" },
];

/** ISO 3166 numeric ids (world-atlas feature ids) of the five powers' territory on the map. */
export const COUNTRY_POWER: Readonly<Record<string, PowerId>> = {
  "156": "CN",
  "408": "KP",
  "410": "KR",
  "643": "RU",
  "840": "US",
};

/** The map's frame: what the projection is fitted to. */
export const MAP_FRAME = { west: 114, east: 142.5, south: 24.2, north: 46.5 } as const;
