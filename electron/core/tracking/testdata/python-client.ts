import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The git-ignored virtualenv with the real mlflow (scripts/install-test-peers.sh). */
export const PEERS_PYTHON = fileURLToPath(new URL('../../../../.venv-peers/bin/python', import.meta.url));
export const SCENARIOS = fileURLToPath(new URL('./client_scenarios.py', import.meta.url));

export function requirePeers(): void {
  if (!existsSync(PEERS_PYTHON)) throw new Error(`${PEERS_PYTHON} is missing: run scripts/install-test-peers.sh (npm test provisions it).`);
}

/**
 * Runs a scenario of client_scenarios.py with the real MLflow client, asynchronously (the server
 * under test runs in this process: a blocking spawn would stall it). Resolves to its JSON line.
 */
export function runScenario(env: Record<string, string>, scenario: string, ...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      PEERS_PYTHON,
      [SCENARIOS, scenario, ...args],
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0', PYTHONWARNINGS: 'ignore', ...env },
        timeout: 240_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${scenario} failed: ${error.message}\n${stderr.slice(-4000)}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as Record<string, unknown>);
        } catch {
          reject(new Error(`${scenario} printed no JSON line:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
        }
      },
    );
  });
}
