import type { CallMethod, InputOf, OutputOf } from '../../shared/api/contract.ts';
import type { Core } from '../core/app.ts';
import { CliError } from './command.ts';

/** Invokes one contract method; an error envelope becomes a one-line CliError. */
export async function call<M extends CallMethod>(core: Core, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const envelope = await core.dispatcher.invoke(method, input);
  if (!envelope.ok) throw new CliError(envelope.error.message, envelope.error.code === 'invalid_input' ? 2 : 1);
  return envelope.value as OutputOf<M>;
}
