// Cohen's kappa for one code: how far two analysts agree on applying it, beyond what chance gives.
// Each unit (one open answer coded by both) is a pair of yes/no decisions. With po the observed share of
// agreement and pe the agreement expected from each analyst's own rate of applying the code,
//   kappa = (po - pe) / (1 - pe).
// When pe is 1 (both analysts applied the code to every unit, or to none), kappa is undefined: reported as
// null with the observed agreement, never as a made-up 1 or 0.

export interface KappaResult {
  /** Units coded by both analysts. */
  units: number;
  /** Both yes, A yes / B no, A no / B yes, both no. */
  table: { yesYes: number; yesNo: number; noYes: number; noNo: number };
  observedAgreement: number | null;
  expectedAgreement: number | null;
  kappa: number | null;
}

export function cohensKappa(pairs: readonly (readonly [boolean, boolean])[]): KappaResult {
  const table = { yesYes: 0, yesNo: 0, noYes: 0, noNo: 0 };
  for (const [a, b] of pairs) {
    if (a && b) table.yesYes++;
    else if (a) table.yesNo++;
    else if (b) table.noYes++;
    else table.noNo++;
  }
  const n = pairs.length;
  if (n === 0) return { units: 0, table, observedAgreement: null, expectedAgreement: null, kappa: null };
  const po = (table.yesYes + table.noNo) / n;
  const aYes = (table.yesYes + table.yesNo) / n;
  const bYes = (table.yesYes + table.noYes) / n;
  const pe = aYes * bYes + (1 - aYes) * (1 - bYes);
  const kappa = pe === 1 ? null : (po - pe) / (1 - pe);
  return { units: n, table, observedAgreement: po, expectedAgreement: pe, kappa };
}

/** Landis and Koch's reading of a kappa, for the report's words (the figure is always given too). */
export function kappaBand(kappa: number | null): string {
  if (kappa === null) return "undefined";
  if (kappa < 0) return "poor";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}
