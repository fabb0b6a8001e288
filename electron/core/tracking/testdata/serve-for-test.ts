// Starts a tracking server on a fresh home for manual checks and the Python scenarios:
// prints MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN, then serves until killed.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogStore } from '../../catalog/catalog-store.ts';
import { openStore } from '../../store/database.ts';
import { TrackingService } from '../service.ts';

const home = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'benchtop-tracking-manual-'));
const store = openStore(join(home, 'benchtop.db'));
const service = new TrackingService({ store, catalog: new CatalogStore(store, home), home, addresses: () => ['127.0.0.1'] });
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as { port: number };
    probe.close(() => resolve(free));
  });
});
service.setPort(port);
const endpoint = await service.ensureServing();
console.log(`MLFLOW_TRACKING_URI=${endpoint.hostUri}`);
console.log(`MLFLOW_TRACKING_TOKEN=${service.issueToken({ kind: 'all' })}`);
console.log(`BENCHTOP_HOME=${home}`);
