// The running app's door (`dossier open FILE`): found through the library's lock, private to the user,
// answered once the host says who opens files, and silent when the app has gone.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core';
import { knock, openDoor, type Door } from '../../src/main/core/door';
import { libraryHolder } from '../../src/main/core/library-lock';
import { openFiles } from '../../src/main/core/open-files';

const SEED = `${__dirname}/../../../shared/fixtures/diplomat-pompeo-kim-pyongyang.txt`;

let dir: string;
let door: Door | null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-door-'));
  door = null;
});
afterEach(async () => {
  await door?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends raw bytes to a door and returns all it answered. */
function rawRequest(endpoint: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(endpoint, () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the door', () => {
  it('is written into the lock of the library its host opens, and found there while the host runs', async () => {
    door = await openDoor();
    const libraryDir = join(dir, 'library');
    const core = await openCore({ libraryDir, door: door.endpoint, dailyBackupDelayMs: null });
    try {
      expect(await libraryHolder(libraryDir)).toMatchObject({ pid: process.pid, door: door.endpoint });
    } finally {
      await core.close();
    }
    expect(await libraryHolder(libraryDir)).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('lives in a folder only its user can enter, removed when it closes', async () => {
    door = await openDoor();
    const folder = dirname(door.endpoint);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(door.endpoint)).isSocket()).toBe(true);
    await door.close();
    door = null;
    await expect(stat(folder)).rejects.toThrow();
  });

  it('imports through the host, once it answers, and returns what became of each file', async () => {
    door = await openDoor();
    const libraryDir = join(dir, 'library');
    const core = await openCore({ libraryDir, door: door.endpoint, dailyBackupDelayMs: null });
    try {
      const seed = join(dir, 'diplomat.txt');
      await writeFile(seed, readFileSync(SEED));
      // Asked before the host is ready: the request waits for it rather than failing.
      const told: string[][] = [];
      const asked = knock(door.endpoint, [seed, join(dir, 'gone.md')]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      door.answer(async (paths) => {
        told.push(paths);
        return openFiles(core.handlers, paths);
      });
      const outcomes = (await asked)!;
      expect(told).toEqual([[seed, join(dir, 'gone.md')]]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
      expect(outcomes[0]).toMatchObject({ ok: true, duplicate: false, article: { title: expect.stringContaining('Pompeo-Kim Encounter') } });
      expect(core.library.listArticles()).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('refuses a request it does not understand, and says why the host could not open files', async () => {
    door = await openDoor();
    door.answer(async () => {
      throw new Error('the library is being restored');
    });
    expect(JSON.parse(await rawRequest(door.endpoint, 'not json\n'))).toEqual({ error: 'Dossier did not understand the request.' });
    expect(JSON.parse(await rawRequest(door.endpoint, '{"open":[]}\n'))).toEqual({ error: 'Dossier did not understand the request.' });
    await expect(knock(door.endpoint, ['/tmp/x.txt'])).rejects.toThrow('The running Dossier could not open the files: the library is being restored');
  });

  it('is nobody once closed: a knock there finds no one, and a lock left by a dead process names no holder', async () => {
    door = await openDoor();
    const { endpoint } = door;
    await door.close();
    door = null;
    expect(await knock(endpoint, ['/tmp/x.txt'])).toBeNull();
    const libraryDir = join(dir, 'crashed');
    await openCore({ libraryDir, dailyBackupDelayMs: null }).then((core) => core.close());
    // A lock as a crashed app leaves it: its process is gone.
    await writeFile(join(libraryDir, '.dossier.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), since: '', door: endpoint }));
    expect(await libraryHolder(libraryDir)).toBeNull();
    expect(JSON.parse(await readFile(join(libraryDir, '.dossier.lock'), 'utf8')).door).toBe(endpoint);
  });
});
