// The one way a host calls the core: validate the input against the contract, run, wrap the outcome.
import { api, isMethodName, parseInput, type Handlers, type MethodName } from '../../shared/api';
import { DossierError, toErrorValue, type Result } from '../../shared/errors';

/**
 * Outputs already checked against the contract, by method and by the value its handler returned: a handler
 * that hands out the same value again (the article list, made once until an article or a count changes) is
 * not checked again — at 50,000 articles that check is ~90 ms. Values handed out are never changed in place.
 */
const checked = new Map<MethodName, WeakMap<object, unknown>>();

function checkOutput(name: MethodName, value: unknown): unknown {
  const schema = api[name].output;
  if (typeof value !== 'object' || value === null) return schema.parse(value);
  let ofMethod = checked.get(name);
  if (!ofMethod) checked.set(name, (ofMethod = new WeakMap()));
  if (ofMethod.has(value)) return ofMethod.get(value);
  const output = schema.parse(value);
  ofMethod.set(value, output);
  return output;
}

export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  try {
    if (!isMethodName(name)) throw new DossierError('invalid_input', `Unknown method: ${String(name)}`);
    const parsed = parseInput(name, input);
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed);
    return { ok: true, value: checkOutput(name, value) };
  } catch (error) {
    if (!(error instanceof DossierError)) console.error(error);
    return { ok: false, error: toErrorValue(error) };
  }
}
