// Prints one closing line for the whole test run: "N passed, N failed, N skipped".
import { readFileSync, existsSync } from 'node:fs';

const [vitestJson, e2eLog] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
if (existsSync(e2eLog)) {
  const log = readFileSync(e2eLog, 'utf8');
  const count = (word) => Number(log.match(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm'))?.[1] ?? 0);
  passed += count('passed');
  failed += count('failed') + count('flaky');
  skipped += count('skipped');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
