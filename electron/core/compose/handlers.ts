import type { composeMethods } from '../../../shared/api/methods/compose.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { ComposeStackService } from './service.ts';

export function createComposeHandlers(compose: ComposeStackService): HandlersFor<keyof typeof composeMethods> {
  return {
    'compose.stacks': () => compose.stacks(),
    'compose.config': async (source) => compose.load(source),
    'compose.plan': (source) => compose.plan(source),
    'compose.up': (source, sink, signal) => compose.up(source, (p) => sink.next(p), signal),
    'compose.down': ({ project, volumes }, sink, signal) => compose.down(project, volumes, (p) => sink.next(p), signal),
    'compose.stop': async ({ project }) => ({ project, containers: await compose.act(project, 'stop') }),
    'compose.start': async ({ project }) => ({ project, containers: await compose.act(project, 'start') }),
    'compose.restart': async ({ project }) => ({ project, containers: await compose.act(project, 'restart') }),
  };
}
