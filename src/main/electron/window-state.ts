// The main window's size and place, kept between runs (userData/window-state.json). A saved place that is
// no longer on any screen (a monitor unplugged) is not used: the window opens where it can be seen.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileDurable } from '../core/durable-file';

const RectangleSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export type Rectangle = z.infer<typeof RectangleSchema>;

export const WindowStateSchema = z.object({ bounds: RectangleSchema, maximized: z.boolean() });
export type WindowState = z.infer<typeof WindowStateSchema>;

/** How much of the window must be on a screen for its saved place to be kept. */
const MIN_VISIBLE = 100;

/** The saved bounds if enough of them lies on one of the screens' work areas, else null; never smaller
 * than the window's minimum size. */
export function fitToDisplays(state: WindowState, workAreas: Rectangle[], minimum: { width: number; height: number }): WindowState | null {
  const { x, y } = state.bounds;
  const width = Math.max(state.bounds.width, minimum.width);
  const height = Math.max(state.bounds.height, minimum.height);
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(x + width, area.x + area.width) - Math.max(x, area.x);
    const overlapY = Math.min(y + height, area.y + area.height) - Math.max(y, area.y);
    return overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE;
  });
  return visible ? { bounds: { x, y, width, height }, maximized: state.maximized } : null;
}

export async function loadWindowState(path: string): Promise<WindowState | null> {
  try {
    return WindowStateSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    // None yet, or unreadable: the default place is a fine answer, and the next close writes a good one.
    return null;
  }
}

export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  await writeFileDurable(path, JSON.stringify(WindowStateSchema.parse(state)));
}
