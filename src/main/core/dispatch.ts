// The one way a host calls the core: validate the input against the contract, run, wrap the outcome.
import { z } from 'zod';
import { api, isMethodName, parseInput, type Handlers, type MethodName } from '../../shared/api';
import { DossierError, toErrorValue, type Result } from '../../shared/errors';

/**
 * Outputs already checked against the contract, by method and by the value its handler returned: a handler
 * that hands out the same value again (the article list, made once until an article or a count changes) is
 * not checked again — at 50,000 articles that check is ~90 ms. A list is checked item by item, so that a
 * list made again with one item changed (the article list after an import) has only that item checked.
 * Values handed out are never changed in place.
 */
const checked = new Map<MethodName, WeakMap<object, unknown>>();

function checkOnce(ofMethod: WeakMap<object, unknown>, schema: z.ZodType, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return schema.parse(value);
  if (ofMethod.has(value)) return ofMethod.get(value);
  const output = schema instanceof z.ZodArray && Array.isArray(value) ? value.map((item) => checkOnce(ofMethod, schema.element as z.ZodType, item)) : schema.parse(value);
  ofMethod.set(value, output);
  return output;
}

function checkOutput(name: MethodName, value: unknown): unknown {
  let ofMethod = checked.get(name);
  if (!ofMethod) checked.set(name, (ofMethod = new WeakMap()));
  return checkOnce(ofMethod, api[name].output, value);
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
