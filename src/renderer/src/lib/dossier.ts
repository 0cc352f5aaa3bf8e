// The one module that reads window.dossier. In Electron the preload provides it; in the loopback host the
// same client is built from the contract over HTTP, with the token the page was opened with.
import {
  createClient,
  EVENTS_PATH,
  ImportOutcomeSchema,
  OPENED_CHANNEL,
  TOKEN_HEADER,
  unwrap,
  type DossierClient,
  type ImportOutcome,
  type Input,
  type MethodName,
  type Output,
} from '../../../shared/api';
import type { Result } from '../../../shared/errors';

const pageToken = () => new URLSearchParams(window.location.search).get('token') ?? '';

function httpClient(): DossierClient {
  const token = pageToken();
  return createClient(async (name, input) => {
    let response: Response;
    try {
      const body = JSON.stringify(input ?? {});
      response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body,
        // A save made as the page closes must still arrive; browsers allow this for small bodies only.
        keepalive: body.length < 60_000,
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'Dossier is not running: start it again and reload.' } };
    }
    if (!response.ok) {
      return { ok: false, error: { code: 'internal', message: `${response.status}: ${await response.text()}` } };
    }
    return (await response.json()) as Result<unknown>;
  });
}

export const dossier: DossierClient = window.dossier ?? httpClient();

/** In the loopback host: files opened with `dossier open`, from the host's event stream. */
function httpFilesOpened(listener: (outcomes: ImportOutcome[]) => void): () => void {
  const events = new EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(pageToken())}`);
  events.addEventListener(OPENED_CHANNEL, (event) => {
    const parsed = ImportOutcomeSchema.array().safeParse(JSON.parse((event as MessageEvent<string>).data));
    if (parsed.success) listener(parsed.data);
  });
  return () => events.close();
}

/** Calls `listener` with what became of files the system (or `dossier open`) opened with Dossier; returns the
 * function that stops. In Electron the main process says it; in the loopback host, its event stream. */
export function onFilesOpened(listener: (outcomes: ImportOutcome[]) => void): () => void {
  return window.dossierApp ? window.dossierApp.onFilesOpened(listener) : httpFilesOpened(listener);
}

/** Calls a method and returns its value, throwing an ApiError with a readable message on failure. */
export async function call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> {
  const method = dossier[name] as (input: Input<M>) => Promise<Result<Output<M>>>;
  return unwrap(await method(input));
}
