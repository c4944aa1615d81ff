// Endotracheal tube tip position on a chest radiograph: 5 ± 2 cm above the carina with the neck
// neutral (Goodman LR et al., Radiographic evaluation of endotracheal tube position, AJR
// 1976;127:433-434). Too low or too high, a recommendation to reposition, and a critical result
// (a malpositioned tube is one by default). Plain TypeScript; the wording is Lucent's own.

export const TUBE_SOURCE = 'tip 5 ± 2 cm above the carina, neck neutral (Goodman et al., AJR 1976;127:433-434)';

export interface TubeAdvice {
  position: 'satisfactory' | 'low' | 'high' | 'at or below the carina';
  /** What to do, in words for the report; empty when the position is satisfactory. */
  text: string;
  /** A malpositioned tube is a critical result by default: it must be communicated. */
  critical: boolean;
  source: string;
}

const cm = (mm: number) => `${(Math.round(mm / 5) / 2).toFixed(1).replace(/\.0$/, '')} cm`;

/** The advice for a tube tip this many mm above the carina (negative: below it). */
export function endotrachealTubeAdvice(tipAboveCarinaMm: number): TubeAdvice {
  if (tipAboveCarinaMm <= 0) {
    return {
      position: 'at or below the carina',
      text:
        'The tube tip is at or beyond the carina, at risk of a main bronchus intubation: ' +
        'withdraw it to about 5 cm above the carina now.',
      critical: true,
      source: TUBE_SOURCE,
    };
  }
  if (tipAboveCarinaMm < 30)
    return {
      position: 'low',
      text: `The tube tip is low: withdraw it by about ${cm(50 - tipAboveCarinaMm)}.`,
      critical: true,
      source: TUBE_SOURCE,
    };
  if (tipAboveCarinaMm > 70)
    return {
      position: 'high',
      text: `The tube tip is high: advance it by about ${cm(tipAboveCarinaMm - 50)}.`,
      critical: true,
      source: TUBE_SOURCE,
    };
  return { position: 'satisfactory', text: '', critical: false, source: TUBE_SOURCE };
}
