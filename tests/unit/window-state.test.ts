// Where the main window opens: where it was left, unless that place is no longer on any screen.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitToDisplays, loadWindowState, saveWindowState } from '../../src/main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };
const minimum = { width: 760, height: 480 };

describe('window state', () => {
  it('keeps a place that is on a screen, on any of them', () => {
    const state = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: false };
    expect(fitToDisplays(state, [laptop], minimum)).toEqual(state);
    const onRight = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true };
    expect(fitToDisplays(onRight, [laptop, rightMonitor], minimum)).toEqual(onRight);
  });

  it('drops a place on a screen that is gone, or barely on one', () => {
    const onRight = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(fitToDisplays(onRight, [laptop], minimum)).toBeNull();
    const sliver = { bounds: { x: 1400, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(fitToDisplays(sliver, [laptop], minimum)).toBeNull();
  });

  it('never opens smaller than the window’s minimum size', () => {
    const tiny = { bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false };
    expect(fitToDisplays(tiny, [laptop], minimum)?.bounds).toEqual({ x: 10, y: 10, width: 760, height: 480 });
  });

  it('saves and loads; a missing or damaged file is no place at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-window-'));
    const path = join(dir, 'window-state.json');
    expect(await loadWindowState(path)).toBeNull();
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true };
    await saveWindowState(path, state);
    expect(await loadWindowState(path)).toEqual(state);
    for (const damaged of ['', '{"bounds":', '{"bounds":{"x":"a"},"maximized":1}', '\u0000\u0000']) {
      await writeFile(path, damaged);
      expect(await loadWindowState(path)).toBeNull();
    }
    await rm(dir, { recursive: true, force: true });
  });
});
