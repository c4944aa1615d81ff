// Writes public/samples/index.json: the studies shown on the start screen and their files.
import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'public/samples';
const studies = [
  { folder: 'chest-dx', title: 'Chest radiograph (DX)', description: 'Synthetic PA chest film, 16-bit, MONOCHROME2', synthetic: true },
  { folder: 'chest-cr', title: 'Chest radiograph (CR, MONOCHROME1)', description: 'Synthetic PA chest film, inverted photometry', synthetic: true },
  { folder: 'ct-chest', title: 'Chest CT, 120 slices', description: 'Synthetic chest CT, 512×512, JPEG-LS lossless', synthetic: true },
  { folder: 'mr-brain', title: 'Brain MR, T1', description: 'Synthetic axial T1 brain, 24 slices', synthetic: true },
  { folder: 'real-chest-cr', title: 'Real chest radiograph (CR)', description: 'Public NEMA WG04 sample, JPEG 2000 — MIT licence', synthetic: false },
  { folder: 'real-ct', title: 'Real CT, 20 slices', description: 'Public TotalSegmentator test series, JPEG 2000 lossless — Apache-2.0', synthetic: false },
];

const index = studies
  .filter((s) => existsSync(join(out, s.folder)))
  .map((s) => ({
    ...s,
    id: s.folder,
    files: readdirSync(join(out, s.folder)).filter((f) => f.toLowerCase().endsWith('.dcm')).sort(),
  }));
writeFileSync(join(out, 'index.json'), JSON.stringify({ studies: index }, null, 2) + '\n');
console.log(`index.json: ${index.length} studies`);
