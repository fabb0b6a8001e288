import { CliError, type Command } from '../command.ts';
import { runStream } from '../open-stream.ts';

const scheduler: Command = {
  name: 'scheduler',
  group: 'Pipelines',
  usage: 'benchtop scheduler',
  summary: 'Run the pipeline scheduler headless (for servers)',
  description: 'Starts runs on their cron ticks and prints one line per tick until Ctrl-C.',
  flags: [],
  examples: [
    { command: 'benchtop scheduler', description: 'Run schedules until Ctrl-C.' },
    { command: 'nohup benchtop scheduler > scheduler.log &', description: 'In the background on a server.' },
  ],
  async run({ io, core, signal }) {
    const c = await core();
    io.stdout.write('scheduler running; Ctrl-C stops it\n');
    await c.dispatcher.invoke('runs.resume', {});
    const { cancelled } = await runStream(c, 'schedules.follow', {}, (event) => io.stdout.write(`${new Date().toISOString()} ${event.pipeline} tick ${event.tick}: ${event.note}${event.runId ? ` (run ${event.runId})` : ''}\n`), signal);
    if (!cancelled) throw new CliError('The scheduler stopped unexpectedly; start it again.');
    return 0;
  },
};

export default scheduler;
