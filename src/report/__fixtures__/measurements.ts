// A bidirectional measurement for the report's tests: long and short axis in mm, or in px on an image without spacing.
import type { RegionMeasurement } from '../measurement';

export const bidirectional = (long: number, short: number, calibrated = true): RegionMeasurement => ({
  tool: 'bidirectional',
  points: [
    [10, 10],
    [22, 10],
    [16, 6],
    [16, 14],
  ],
  values: [
    { name: 'long axis', value: long, unit: calibrated ? 'mm' : 'px' },
    { name: 'short axis', value: short, unit: calibrated ? 'mm' : 'px' },
  ],
  calibrated,
  trackingUid: '2.25.1',
});
