// A real loopback host (`dossier serve`) on a fresh library on disk for each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

export const projectDir = fileURLToPath(new URL('../..', import.meta.url));
export const sharedDir = join(projectDir, '..', 'shared');
export const seedFile = join(sharedDir, 'fixtures', 'diplomat-pompeo-kim-pyongyang.txt');

export interface Host {
  url: string;
  origin: string;
  token: string;
  libraryDir: string;
  exportDir: string;
  /** Runs the `dossier` command line on the same library (the host must be stopped for writes). */
  stop(): Promise<void>;
}

async function startHost(libraryDir: string, exportDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectDir, 'bin/dossier.js'), 'serve', '--library', libraryDir, '--exports', exportDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`dossier serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

/** Starts `dossier serve` on `libraryDir` and returns the host with the function that stops it (the
 * benchmark's browser host too). */
export async function serve(libraryDir: string, exportDir: string): Promise<Host> {
  const { child, url } = await startHost(libraryDir, exportDir);
  const parsed = new URL(url);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token')!, libraryDir, exportDir, stop };
}

/** Prepares a library folder (with the command line, or by writing its files) before a host serves it. */
export type PrepareLibrary = (libraryDir: string) => Promise<void>;

export const test = base.extend<{ host: Host; serveLibrary: (prepare: PrepareLibrary) => Promise<Host> }>({
  host: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'dossier-e2e-'));
    const host = await serve(join(root, 'library'), join(root, 'exports'));
    await use(host);
    await host.stop();
    await rm(root, { recursive: true, force: true });
  },
  // The host on a library made beforehand: `prepare` runs on an empty folder, then `dossier serve` opens it.
  serveLibrary: async ({}, use) => {
    const roots: string[] = [];
    const hosts: Host[] = [];
    await use(async (prepare) => {
      const root = await mkdtemp(join(tmpdir(), 'dossier-e2e-'));
      roots.push(root);
      const libraryDir = join(root, 'library');
      await prepare(libraryDir);
      const host = await serve(libraryDir, join(root, 'exports'));
      hosts.push(host);
      return host;
    });
    for (const host of hosts) await host.stop();
    for (const root of roots) await rm(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
