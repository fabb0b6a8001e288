import type { PullProgress } from '../../../shared/domain/images.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import { CliError, type Command } from '../command.ts';
import { formatProgressBytes, runStream } from '../open-stream.ts';
import { escapesAllowed } from '../terminal.ts';

function layerLine(layer: PullProgress['layers'][number]): string {
  const amount = layer.current !== null && layer.total ? ` ${formatProgressBytes(layer.current)}/${formatProgressBytes(layer.total)}` : '';
  return `${layer.id}: ${layer.status}${amount}`;
}

function overall(progress: PullProgress): string {
  const percent = progress.fraction === null ? '…' : `${Math.floor(progress.fraction * 100)}%`;
  const eta = progress.etaSeconds !== null && !progress.done ? `, about ${progress.etaSeconds}s left` : '';
  const rate = progress.bytesPerSecond ? ` at ${formatProgressBytes(progress.bytesPerSecond)}/s` : '';
  return `${progress.image}: ${percent}${rate}${eta}`;
}

const pull: Command = {
  name: 'pull',
  group: 'Images',
  usage: 'benchtop pull IMAGE',
  summary: 'Pull an image with per-layer progress',
  description: 'Progress is redrawn on a terminal, one line per layer change and every 10 % otherwise. Ctrl-C cancels (exit 130).',
  flags: [],
  args: ['image'],
  examples: [
    { command: 'benchtop pull python:3.12-slim', description: 'Pull from the registry the name points to.' },
    { command: 'benchtop pull ghcr.io/org/model:1', description: 'Pull from another registry.' },
  ],
  async run({ args, io, core, signal }) {
    if (args.length !== 1) throw new CliError('Name one image: benchtop pull IMAGE (e.g. python:3.12-slim).', 2);
    const tty = escapesAllowed(io);
    let drawn = 0;
    const printed = new Map<string, string>();
    let lastPercent = -10;
    let final: PullProgress | null = null;
    const { cancelled } = await runStream(
      await core(),
      'images.pull',
      { image: args[0] },
      (progress) => {
        final = progress;
        if (tty) {
          const lines = [...progress.messages.slice(-1), ...progress.layers.map(layerLine), overall(progress)];
          io.stdout.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.map((l) => `\x1b[2K${l}`).join('\n')}\n`);
          drawn = lines.length;
          return;
        }
        for (const layer of progress.layers) {
          if (printed.get(layer.id) === layer.state) continue;
          printed.set(layer.id, layer.state);
          io.stdout.write(`${layer.id}: ${layer.status}\n`);
        }
        const percent = Math.floor((progress.fraction ?? 0) * 100);
        if (percent >= lastPercent + 10 && !progress.done) {
          lastPercent = percent - (percent % 10);
          io.stdout.write(overall(progress) + '\n');
        }
      },
      signal,
    );
    if (cancelled) {
      io.stderr.write('benchtop: pull cancelled; layers already downloaded stay in the engine cache.\n');
      return 130;
    }
    const done = final as PullProgress | null;
    io.stdout.write(`Pulled ${done?.image ?? args[0]}${done?.imageId ? ` (${shortImageId(done.imageId)})` : ''}\n`);
    return 0;
  },
};

export default pull;
