// `tsx scripts/dicom/validate.ts FILE...`: each file checked with dciodvfy (dciodvfy.ts); prints the
// problems of each invalid file and exits 1 when there is any, 2 when dciodvfy cannot run.
import { errorMessage } from '../../src/util/errorMessage';
import { dciodvfy } from './dciodvfy';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: tsx scripts/dicom/validate.ts FILE...');
  process.exit(2);
}
let invalid = 0;
for (const file of files) {
  let result;
  try {
    result = dciodvfy(file);
  } catch (error) {
    console.error(errorMessage(error));
    process.exit(2);
  }
  if (result.problems.length) {
    invalid++;
    console.error(`FAIL: dciodvfy reports errors in ${file}:\n  ${result.problems.join('\n  ')}`);
  }
}
if (invalid) process.exit(1);
console.log(`${files.length} file(s) valid (dciodvfy: no Error line)`);
