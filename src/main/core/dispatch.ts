// The one way a host calls the core: validate the input against the contract, run, wrap the outcome.
import { api, isMethodName, parseInput, type Handlers, type MethodName } from '../../shared/api';
import { DossierError, toErrorValue, type Result } from '../../shared/errors';

export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  try {
    if (!isMethodName(name)) throw new DossierError('invalid_input', `Unknown method: ${String(name)}`);
    const parsed = parseInput(name, input);
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed);
    return { ok: true, value: api[name as MethodName].output.parse(value) };
  } catch (error) {
    if (!(error instanceof DossierError)) console.error(error);
    return { ok: false, error: toErrorValue(error) };
  }
}
