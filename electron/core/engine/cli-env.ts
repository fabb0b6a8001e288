import type { EngineConnection } from './connection.ts';

/** The environment for a docker CLI child process (buildx), so that it talks to the engine Benchtop is connected to. */
export function dockerCliEnv(engine: EngineConnection): NodeJS.ProcessEnv {
  const address = engine.status().endpoint?.address;
  const env = { ...process.env };
  if (address && /^(unix|tcp|ssh|npipe):\/\//.test(address)) env.DOCKER_HOST = address;
  return env;
}
