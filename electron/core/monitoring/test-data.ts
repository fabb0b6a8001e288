import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../../shared/monitoring/seeded-random.ts';

/** Writes a credit-like CSV (income, age, plan, region) of `rows` rows; `shift` moves income and age and tilts plan. */
export function writeCreditCsv(path: string, rows: number, seed: number, shift = 0): void {
  const random = seededRandom(seed);
  const lines = ['income,age,plan,region'];
  const regions = ['north', 'south', 'east', 'west'];
  for (let i = 0; i < rows; i++) {
    const income = random.normal(50 + 15 * shift, 10).toFixed(3);
    const age = Math.round(random.normal(40 + 8 * shift, 9));
    const plan = random.uniform() < 0.3 + 0.4 * shift ? 'pro' : 'basic';
    const region = regions[Math.floor(random.uniform() * 4)];
    lines.push(`${income},${age},${plan},${region}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}
