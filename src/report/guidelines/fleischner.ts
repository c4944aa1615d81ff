// Follow-up of incidental pulmonary nodules: the Fleischner Society 2017 guidelines (MacMahon H,
// Naidich DP, Goo JM, et al. Guidelines for management of incidental pulmonary nodules detected on
// CT images: from the Fleischner Society 2017. Radiology 2017;284:228-243), table 1, as a rule a
// report can attach to a nodule finding. Plain TypeScript; the wording is Lucent's own.

export const FLEISCHNER_SOURCE = 'Fleischner Society 2017 (MacMahon et al., Radiology 2017;284:228-243)';

export type NoduleKind = 'solid' | 'ground-glass' | 'part-solid';
export type Risk = 'low' | 'high';

export interface Nodule {
  /** The mean of the long and short axes in mm (the guideline's measure), as measured. */
  sizeMm: number;
  kind: NoduleKind;
  /** More than one nodule: the largest or most suspicious one is measured. */
  multiple: boolean;
  /** Patient risk (smoking, exposure, age, family history…): the guideline's low or high. */
  risk: Risk;
  /** The solid component of a part-solid nodule, mm. */
  solidComponentMm?: number;
  /** Where it was seen: the guideline is for CT. */
  modality: string;
  /** The guideline does not apply under 35 years, in lung-cancer screening, known cancer or immunosuppression. */
  exclusion?: 'under-35' | 'screening' | 'known-cancer' | 'immunosuppressed';
}

export interface Recommendation {
  /** What to do next, in words for the report. */
  text: string;
  /** The first interval in months, when there is one (for reminders). */
  followUpMonths?: [number, number];
  source: string;
}

/** The guideline's size: the mean of the long and short axes, rounded to the nearest millimetre. */
export function noduleSizeMm(longAxisMm: number, shortAxisMm: number): number {
  return Math.round((longAxisMm + shortAxisMm) / 2);
}

const RADIOGRAPH = new Set(['CR', 'DX']);
const EXCLUSIONS: Record<NonNullable<Nodule['exclusion']>, string> = {
  'under-35': 'the patient is under 35',
  screening: 'this is lung-cancer screening (use Lung-RADS)',
  'known-cancer': 'the patient has a known cancer',
  immunosuppressed: 'the patient is immunosuppressed',
};

const rec = (text: string, followUpMonths?: [number, number]): Recommendation => ({
  text,
  ...(followUpMonths ? { followUpMonths } : {}),
  source: FLEISCHNER_SOURCE,
});

/** The next step for an incidental nodule, by the guideline's table (or why the table does not apply). */
export function fleischnerRecommendation(n: Nodule): Recommendation {
  if (RADIOGRAPH.has(n.modality.toUpperCase())) {
    // Common practice, not part of the guideline, which is for nodules found on CT.
    return {
      text: 'Chest CT is recommended to characterise the nodule seen on the radiograph.',
      source: 'common practice; the Fleischner 2017 guideline applies to nodules found on CT',
    };
  }
  if (n.exclusion)
    return {
      text: `Fleischner 2017 does not apply: ${EXCLUSIONS[n.exclusion]}; follow-up by clinical judgement.`,
      source: FLEISCHNER_SOURCE,
    };
  const size = n.sizeMm;
  if (n.kind === 'solid') {
    if (!n.multiple) {
      if (size < 6) return n.risk === 'low' ? rec('No routine follow-up is needed.') : rec('Optional CT at 12 months.', [12, 12]);
      if (size <= 8)
        return n.risk === 'low'
          ? rec('CT at 6–12 months, then consider CT at 18–24 months.', [6, 12])
          : rec('CT at 6–12 months, then CT at 18–24 months.', [6, 12]);
      return rec('Consider CT at 3 months, PET/CT or tissue sampling.', [3, 3]);
    }
    if (size < 6) return n.risk === 'low' ? rec('No routine follow-up is needed.') : rec('Optional CT at 12 months.', [12, 12]);
    return n.risk === 'low'
      ? rec('CT at 3–6 months, then consider CT at 18–24 months.', [3, 6])
      : rec('CT at 3–6 months, then CT at 18–24 months.', [3, 6]);
  }
  if (n.multiple) {
    if (size < 6) return rec('CT at 3–6 months; if stable, consider CT at 2 and 4 years.', [3, 6]);
    return rec('CT at 3–6 months; further management by the most suspicious nodule.', [3, 6]);
  }
  if (size < 6) return rec('No routine follow-up is needed.');
  if (n.kind === 'ground-glass') return rec('CT at 6–12 months to confirm persistence, then CT every 2 years until 5 years.', [6, 12]);
  if ((n.solidComponentMm ?? 0) >= 6)
    return rec('A solid component of 6 mm or more is highly suspicious: consider PET/CT or tissue sampling.');
  return rec(
    'CT at 3–6 months to confirm persistence; if unchanged and the solid component stays under 6 mm, CT every year for 5 years.',
    [3, 6],
  );
}
