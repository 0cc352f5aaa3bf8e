// The running app's door: `dossier open FILE` in a terminal hands files to the Dossier that has the library
// open (the app, or `dossier serve`), which imports them and shows them. It is a local socket (a named pipe on
// Windows) in a folder only this user can enter; its address is written into the library's lock file, so the
// command finds the process that holds the library and nothing else.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ImportOutcomeSchema, type ImportOutcome } from '../../shared/api';
import { DossierError } from '../../shared/errors';

const RequestSchema = z.object({ open: z.array(z.string().min(1).max(4096)).min(1).max(500) });
const AnswerSchema = z.union([z.object({ outcomes: z.array(ImportOutcomeSchema) }), z.object({ error: z.string() })]);
/** Largest message either way: 500 paths, or 500 outcomes with their articles. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** How long a caller may take to say what it wants once connected. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Imports the files at these absolute paths and tells the user: the host's part. */
export type OpenFiles = (paths: string[]) => Promise<ImportOutcome[]>;

export interface Door {
  /** The socket's path (a pipe's name on Windows), for the lock file. */
  readonly endpoint: string;
  /** Who opens the files: requests that come before wait for it. */
  answer(openFiles: OpenFiles): void;
  close(): Promise<void>;
}

/** The first line a socket sends (without its newline); null if it ends, errs or sends too much before one. */
function firstLine(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (line: string | null) => {
      socket.removeAllListeners('data');
      resolve(line);
    };
    socket.on('data', (chunk: Buffer) => {
      const end = chunk.indexOf(0x0a);
      chunks.push(end < 0 ? chunk : chunk.subarray(0, end));
      size += chunk.length;
      if (end >= 0) done(Buffer.concat(chunks).toString('utf8'));
      else if (size > MAX_MESSAGE_BYTES) done(null);
    });
    socket.once('end', () => done(null));
    socket.once('error', () => done(null));
    socket.once('close', () => done(null));
  });
}

function say(socket: Socket, answer: z.infer<typeof AnswerSchema>): void {
  socket.end(`${JSON.stringify(answer)}\n`);
}

/** Opens the door: a new socket no one else can reach, answered once `answer` names who opens the files. */
export async function openDoor(): Promise<Door> {
  const folder = process.platform === 'win32' ? null : await mkdtemp(join(tmpdir(), 'dossier-'));
  const endpoint = folder ? join(folder, 'door.sock') : `\\\\.\\pipe\\dossier-${randomBytes(16).toString('hex')}`;
  let setOpener: (openFiles: OpenFiles) => void = () => {};
  const opener = new Promise<OpenFiles>((resolve) => (setOpener = resolve));
  const server = createServer((socket) => {
    // A caller that goes away before its answer is no error of the app's.
    socket.on('error', () => socket.destroy());
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
    void firstLine(socket).then(async (line) => {
      socket.setTimeout(0);
      if (line === null) return socket.destroy();
      let paths: string[];
      try {
        paths = RequestSchema.parse(JSON.parse(line)).open;
      } catch {
        return say(socket, { error: 'Dossier did not understand the request.' });
      }
      try {
        say(socket, { outcomes: await (await opener)(paths) });
      } catch (error) {
        say(socket, { error: (error as Error).message });
      }
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(endpoint, () => resolve());
    });
  } catch (error) {
    if (folder) await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint,
    answer: setOpener,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Asks the Dossier behind `endpoint` to open the files (absolute paths) and returns what became of each; null
 * when nobody answers there (the app has ended since it wrote the address).
 */
export async function knock(endpoint: string, paths: string[]): Promise<ImportOutcome[] | null> {
  const socket = createConnection(endpoint);
  const connected = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  if (!connected) {
    socket.destroy();
    return null;
  }
  socket.write(`${JSON.stringify({ open: paths })}\n`);
  const line = await firstLine(socket);
  socket.destroy();
  if (line === null) throw new DossierError('internal', 'The running Dossier closed the connection without an answer.');
  const answer = AnswerSchema.parse(JSON.parse(line));
  if ('error' in answer) throw new DossierError('internal', `The running Dossier could not open the files: ${answer.error}`);
  return answer.outcomes;
}
