// The application menu, one definition for every platform: commands by the ids the command palette uses
// (a menu item runs the palette's command of that id in the window), and the platform's own roles.
// Keys are the renderer's: the menu shows them but does not register them, so no key runs a command twice.

/** The channel on which the main process tells the window which menu command was chosen. */
export const MENU_CHANNEL = 'dossier:menu';

export interface MenuCommand {
  /** The id of the palette command it runs. */
  command: string;
  label: string;
  /** As Electron writes it; shown beside the label. */
  accelerator?: string;
}

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close';

export type MenuEntry = MenuCommand | { role: MenuRole } | 'separator';

export interface AppMenu {
  label: string;
  /** macOS puts its search field in the menu of this role. */
  role?: 'help';
  items: MenuEntry[];
}

/** The command that opens the command palette (not itself a palette command). */
export const PALETTE_COMMAND = 'palette';

const role = (name: MenuRole): MenuEntry => ({ role: name });
// macOS keeps Settings in the app menu, the others in File.
const SETTINGS: MenuCommand = { command: 'open-settings', label: 'Settings…', accelerator: 'CmdOrCtrl+,' };

/** The menus for a platform: macOS has the app menu first and a Window menu; the others put Quit in File. */
export function appMenus(platform: string): AppMenu[] {
  const mac = platform === 'darwin';
  const file: AppMenu = {
    label: 'File',
    items: [
      { command: 'import', label: 'Import Files…', accelerator: 'CmdOrCtrl+O' },
      { command: 'import-folder', label: 'Import a Folder…' },
      { command: 'import-url', label: 'Import a Web Address…' },
      'separator',
      { command: 'new-brief', label: 'New Brief…' },
      { command: 'save-brief', label: 'Save the Brief', accelerator: 'CmdOrCtrl+S' },
      { command: 'export-annotations-jsonld', label: 'Export Annotations as JSON-LD…' },
      { command: 'export-annotations-csv', label: 'Export Annotations as CSV…' },
      'separator',
      { command: 'open-library', label: 'Open Library Folder…' },
      { command: 'open-backups', label: 'Backups…' },
      ...(mac ? [] : (['separator', SETTINGS, 'separator', role('quit')] as MenuEntry[])),
    ],
  };
  const edit: AppMenu = {
    label: 'Edit',
    items: [
      role('undo'),
      role('redo'),
      'separator',
      role('cut'),
      role('copy'),
      role('paste'),
      role('selectAll'),
      'separator',
      { command: 'annotate', label: 'Annotate the Selection', accelerator: 'A' },
      { command: 'search', label: 'Search the Library', accelerator: '/' },
      { command: PALETTE_COMMAND, label: 'Command Palette…', accelerator: 'CmdOrCtrl+K' },
    ],
  };
  const view: AppMenu = {
    label: 'View',
    items: [
      { command: 'go-home', label: 'Start Page' },
      { command: 'open-timeline', label: 'Timeline' },
      { command: 'open-graph', label: 'Graph' },
      'separator',
      { command: 'theme-system', label: 'Theme: Follow the System' },
      { command: 'theme-light', label: 'Theme: Light' },
      { command: 'theme-dark', label: 'Theme: Dark' },
      'separator',
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      'separator',
      role('togglefullscreen'),
    ],
  };
  const help: AppMenu = {
    label: 'Help',
    role: 'help',
    items: [{ command: 'show-keys', label: 'Keyboard Shortcuts' }, ...(mac ? [] : (['separator', role('about')] as MenuEntry[]))],
  };
  if (!mac) return [file, edit, view, help];
  const app: AppMenu = {
    label: 'Dossier',
    items: [role('about'), 'separator', SETTINGS, 'separator', role('services'), 'separator', role('hide'), role('hideOthers'), role('unhide'), 'separator', role('quit')],
  };
  const window: AppMenu = { label: 'Window', items: [role('minimize'), role('zoom'), 'separator', role('front')] };
  return [app, file, edit, view, window, help];
}

/** Every command item of the menus, by its command id. */
export function menuCommands(platform: string): MenuCommand[] {
  return appMenus(platform).flatMap((menu) => menu.items.filter((item): item is MenuCommand => typeof item === 'object' && 'command' in item));
}
