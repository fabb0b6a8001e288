/**
 * The catalog at two sizes, in the same run: 100 versions (1,000 metric points) and 10,000 versions
 * (100,000 metric points), each spread over 10 models. Measured on each: a metric-filter search (the
 * search box) and the Models page's first load (models.list through the dispatcher, as the page
 * asks it). Ends with `catalog: ratio=R target<=1.5`: the larger of the two big/small median ratios.
 *
 * Where the first load's time went (profiled per statement, 10,000 vs 100 versions): the per-model
 * version count and latest version were a GROUP BY over every live version (0.84 ms vs 0.02 ms, the
 * whole growth); the headline versions read by (name, version) key and the tags/aliases per model
 * stayed flat. Migration 11 keeps the count and latest version on registered_models by triggers, so
 * the first load reads ten rows: 1.64 → 0.53 ms at 10,000 versions, ratio 1.83 → 1.07 (medians,
 * loaded machine; the search ratio is about 1 too).
 * Each sample is under a millisecond, so one pause of the machine moves a median: a run that measured
 * the sizes one after the other (30 samples each) gave 1.73 once on a quiet machine between runs of
 * 0.85–0.99. The sizes are now sampled alternately, 101 samples each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogStore } from '../electron/core/catalog/catalog-store.ts';
import { openStore } from '../electron/core/store/database.ts';
import { median } from './support/median.ts';

const MODELS = 10;
const METRICS_PER_VERSION = 10;
const SAMPLES = 101;

async function buildCatalog(versions: number): Promise<{ catalog: CatalogStore; close(): void }> {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-bench-catalog-'));
  const store = openStore(join(home, 'benchtop.db'));
  const catalog = new CatalogStore(store, home);
  const started = performance.now();
  // A deterministic spread of values: accuracy uniform in [0.5, 1), the other metrics anything.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < versions; i++) {
    const metrics: Record<string, number> = { accuracy: 0.5 + random() / 2, loss: random() };
    for (let m = 2; m < METRICS_PER_VERSION; m++) metrics[`metric_${m}`] = random();
    await catalog.createVersion({
      name: `model-${i % MODELS}`,
      metrics,
      params: { seed: String(i), depth: String(i % 7) },
      tags: { team: i % 2 ? 'vision' : 'nlp' },
      aliases: i >= versions - MODELS ? ['champion'] : [],
      createdAt: 1_700_000_000_000 + i * 1000,
    });
  }
  console.log(`built ${versions} versions (${versions * METRICS_PER_VERSION} metric points) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    catalog,
    close() {
      store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const FILTER = "accuracy > 0.6 AND loss < 0.9 AND tags.team = 'vision'";

/** Both sizes sample by sample, alternating, so that a pause of the machine falls on both alike. */
function measure(catalogs: CatalogStore[]): { search: number; firstLoad: number }[] {
  const samples = catalogs.map(() => ({ search: [] as number[], firstLoad: [] as number[] }));
  for (const catalog of catalogs) {
    // Warm the statement caches and pages once, as an open app would be.
    catalog.searchVersions({ filter: FILTER, limit: 25 });
    catalog.listModels({ limit: 500 });
  }
  for (let i = 0; i < SAMPLES; i++) {
    catalogs.forEach((catalog, c) => samples[c].search.push(time(() => catalog.searchVersions({ filter: FILTER, limit: 25 }))));
    catalogs.forEach((catalog, c) => samples[c].firstLoad.push(time(() => catalog.listModels({ limit: 500 }))));
  }
  for (const catalog of catalogs) {
    const found = catalog.searchVersions({ filter: FILTER, limit: 25 }).length;
    if (found !== 25) throw new Error(`the search found ${found} versions, not 25: the bench's data changed`);
  }
  return samples.map((s) => ({ search: median(s.search), firstLoad: median(s.firstLoad) }));
}

const small = await buildCatalog(100);
const big = await buildCatalog(10_000);
try {
  const [a, b] = measure([small.catalog, big.catalog]);
  console.log(`metric-filter search (25 results): 100 versions ${a.search.toFixed(3)} ms, 10,000 versions ${b.search.toFixed(3)} ms, ratio ${(b.search / a.search).toFixed(2)}`);
  console.log(`Models page first load (10 models with their champion): 100 versions ${a.firstLoad.toFixed(3)} ms, 10,000 versions ${b.firstLoad.toFixed(3)} ms, ratio ${(b.firstLoad / a.firstLoad).toFixed(2)}`);
  const ratio = Math.max(b.search / a.search, b.firstLoad / a.firstLoad);
  console.log(`catalog: ratio=${ratio.toFixed(2)} target<=1.5`);
} finally {
  small.close();
  big.close();
}
process.exit(0);
