// The application menu: the platforms' conventions, and every command item runs a palette command by id
// without registering its key (the window handles the keys).
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: {} }));
const { appMenus, menuCommands, MENU_CHANNEL } = await import('../../src/shared/app-menu');
const { menuTemplate } = await import('../../src/main/electron/menu');

describe('the application menu', () => {
  it('on macOS: the app menu first (About, Hide, Quit), then File, Edit, View, Window and Help', () => {
    const menus = appMenus('darwin');
    expect(menus.map((m) => m.label)).toEqual(['Dossier', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(menus[0]!.items).toEqual(expect.arrayContaining([{ role: 'about' }, { role: 'hide' }, { role: 'quit' }]));
    // Quit lives in the app menu only.
    expect(menus.slice(1).flatMap((m) => m.items)).not.toContainEqual({ role: 'quit' });
  });

  it('on Windows and Linux: File (ending with Quit), Edit, View, Help (with About)', () => {
    for (const platform of ['win32', 'linux']) {
      const menus = appMenus(platform);
      expect(menus.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
      expect(menus[0]!.items.at(-1)).toEqual({ role: 'quit' });
      expect(menus[3]!.items.at(-1)).toEqual({ role: 'about' });
    }
  });

  it('has the editing roles and every command with a label; keys written as Electron reads them', () => {
    const edit = appMenus('linux').find((m) => m.label === 'Edit')!;
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(edit.items).toContainEqual({ role });
    const commands = menuCommands('linux');
    expect(new Set(commands.map((c) => c.command)).size).toBe(commands.length);
    expect(commands.find((c) => c.command === 'import')?.accelerator).toBe('CmdOrCtrl+O');
    expect(commands.find((c) => c.command === 'save-brief')?.accelerator).toBe('CmdOrCtrl+S');
    for (const c of commands) {
      expect(c.label.trim()).not.toBe('');
      if (c.accelerator) expect(c.accelerator).toMatch(/^((CmdOrCtrl|Shift|Alt)\+)*([A-Z0-9]|\/|,)$/);
    }
    // The same commands on every platform; Settings in the app menu on macOS, in File elsewhere.
    const sorted = (list: typeof commands) => [...list].sort((a, b) => a.command.localeCompare(b.command));
    expect(sorted(menuCommands('darwin'))).toEqual(sorted(commands));
    expect(appMenus('darwin')[0]!.items).toContainEqual(expect.objectContaining({ command: 'open-settings', accelerator: 'CmdOrCtrl+,' }));
    expect(appMenus('win32')[0]!.items).toContainEqual(expect.objectContaining({ command: 'open-settings' }));
  });

  it('becomes Electron’s template: a command item sends its id, and its key is shown but not registered', () => {
    const sent: string[] = [];
    const template = menuTemplate(appMenus('linux'), (id) => sent.push(id));
    const file = template[0]!.submenu as Electron.MenuItemConstructorOptions[];
    const importItem = file.find((i) => i.label === 'Import Files…')!;
    expect(importItem).toMatchObject({ accelerator: 'CmdOrCtrl+O', registerAccelerator: false });
    (importItem.click as () => void)();
    expect(sent).toEqual(['import']);
    expect(file.at(-1)).toEqual({ role: 'quit' });
    expect(file).toContainEqual({ type: 'separator' });
    expect(template.at(-1)).toMatchObject({ label: 'Help', role: 'help' });
    expect(MENU_CHANNEL).toBe('dossier:menu');
  });
});
