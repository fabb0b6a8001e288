import type { Command } from './command.ts';
import build from './commands/build.ts';
import { completionCommand as completion } from './commands/completion.ts';
import compose from './commands/compose.ts';
import df from './commands/df.ts';
import engine from './commands/engine.ts';
import env from './commands/env.ts';
import exec from './commands/exec.ts';
import exportCommand from './commands/export.ts';
import features from './commands/features.ts';
import gc from './commands/gc.ts';
import gpu from './commands/gpu.ts';
import { helpCommand } from './commands/help.ts';
import images from './commands/images.ts';
import logs from './commands/logs.ts';
import mlflow from './commands/mlflow.ts';
import models from './commands/models.ts';
import serve from './commands/serve.ts';
import endpoints from './commands/endpoints.ts';
import tracking from './commands/tracking.ts';
import monitor from './commands/monitor.ts';
import networks from './commands/networks.ts';
import prune from './commands/prune.ts';
import ps from './commands/ps.ts';
import pull from './commands/pull.ts';
import rmi from './commands/rmi.ts';
import run from './commands/run.ts';
import runs from './commands/runs.ts';
import schedule from './commands/schedule.ts';
import settings from './commands/settings.ts';
import scheduler from './commands/scheduler.ts';
import stats from './commands/stats.ts';
import submit from './commands/submit.ts';
import tag from './commands/tag.ts';
import validate from './commands/validate.ts';
import version from './commands/version.ts';
import volumes from './commands/volumes.ts';
import web from './commands/web.ts';

/**
 * Every command, in the order `benchtop help` lists them within their group. A new command: one
 * file in commands/ (see README.md, "Adding a command"), then one line here.
 */
export const commands: readonly Command[] = [
  ps,
  logs,
  exec,
  stats,
  volumes,
  networks,
  images,
  pull,
  build,
  rmi,
  tag,
  compose,
  gpu,
  env,
  validate,
  run,
  runs,
  schedule,
  scheduler,
  tracking,
  mlflow,
  models,
  features,
  gc,
  serve,
  endpoints,
  monitor,
  exportCommand,
  submit,
  engine,
  web,
  df,
  prune,
  helpCommand(() => commands),
  version,
  settings,
  completion(() => commands),
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
