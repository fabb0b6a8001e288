import { startWebHostProcess } from './web-host.ts';

/** One web host on the real engine for every spec; its URL reaches the tests through the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const host = await startWebHostProcess();
  process.env.BENCHTOP_E2E_URL = host.url;
  process.env.BENCHTOP_E2E_HOME = host.home;
  return () => host.stop();
}
