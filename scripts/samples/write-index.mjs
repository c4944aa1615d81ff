// Writes public/samples/index.json: the studies shown on the start screen and their files.
// A study is a folder of files, or one zip archive (opened like a dropped .zip).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

const out = process.argv[2] ?? 'public/samples';
const studies = [
  { id: 'chest-dx', title: 'Chest radiograph (DX)', description: 'Synthetic PA chest film, 16-bit, MONOCHROME2', synthetic: true },
  {
    id: 'chest-cr',
    title: 'Chest radiograph (CR, MONOCHROME1)',
    description: 'Synthetic PA chest film, inverted photometry',
    synthetic: true,
  },
  // A prior and a follow-up of one patient, in reading order; PAIR.pair.json beside them says what changed.
  {
    id: 'chest-pair',
    title: 'Chest radiographs, prior and follow-up',
    description: 'Synthetic PA chest films of one patient, a prior and a follow-up with changes',
    synthetic: true,
    files: ['PRIOR.dcm', 'CURRENT.dcm'],
  },
  {
    id: 'ct-chest',
    archive: 'ct-chest.zip',
    title: 'Chest CT, 120 slices',
    description: 'Synthetic chest CT, 512×512, JPEG-LS lossless',
    synthetic: true,
  },
  { id: 'mr-brain', title: 'Brain MR, T1', description: 'Synthetic axial T1 brain, 24 slices', synthetic: true },
  {
    id: 'real-chest-cr',
    title: 'Real chest radiograph (CR)',
    description: 'Public NEMA WG04 sample, JPEG 2000 — MIT licence',
    synthetic: false,
  },
  // Real films with their NIH labels and NIH's own boxes as teaching ground truth (samples/NIH-SOURCES.md).
  {
    id: 'real-nih-opacity',
    title: 'Real chest film: airspace opacity (NIH)',
    description: 'NIH ChestX-ray14 00010610_003, PA, with NIH labels and box — courtesy of the NIH Clinical Center',
    synthetic: false,
  },
  {
    id: 'real-nih-cardiomegaly',
    title: 'Real chest film: cardiomegaly (NIH)',
    description: 'NIH ChestX-ray14 00009745_000, PA, with NIH labels and box — courtesy of the NIH Clinical Center',
    synthetic: false,
  },
  {
    id: 'real-nih-normal',
    title: 'Real chest film: no finding (NIH)',
    description: 'NIH ChestX-ray14 00000550_000, PA, labelled No Finding — courtesy of the NIH Clinical Center',
    synthetic: false,
  },
  {
    id: 'real-ct',
    title: 'Real CT, 20 slices',
    description: 'Public TotalSegmentator test series, JPEG 2000 lossless — Apache-2.0',
    synthetic: false,
  },
];

const index = [];
for (const s of studies) {
  if (s.archive) {
    if (!existsSync(join(out, s.archive))) continue;
    const names = Object.keys(unzipSync(readFileSync(join(out, s.archive)))).filter((f) => f.endsWith('.dcm'));
    index.push({ ...s, fileCount: names.length });
  } else {
    if (!existsSync(join(out, s.id))) continue;
    const names = readdirSync(join(out, s.id)).sort();
    const files = s.files ?? names.filter((f) => f.toLowerCase().endsWith('.dcm'));
    // Generated cases carry their ground truth (NAME.json beside NAME.dcm): teaching mode compares against it.
    const groundTruth = files.map((f) => f.replace(/\.dcm$/i, '.json')).filter((j) => names.includes(j));
    index.push({ ...s, files, fileCount: files.length, ...(groundTruth.length ? { groundTruth } : {}) });
  }
}
writeFileSync(join(out, 'index.json'), JSON.stringify({ studies: index }, null, 2) + '\n');
console.log(`index.json: ${index.length} studies`);
