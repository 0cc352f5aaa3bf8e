// The application menu in Electron: the shared definition made into Electron's template; a command item
// tells the window which palette command to run.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { appMenus, MENU_CHANNEL, type AppMenu } from '../../shared/app-menu';

/** Electron's template for the menus; `send` is called with the id of the command chosen. */
export function menuTemplate(menus: AppMenu[], send: (command: string) => void): MenuItemConstructorOptions[] {
  return menus.map((menu) => ({
    label: menu.label,
    ...(menu.role ? { role: menu.role } : {}),
    submenu: menu.items.map((item): MenuItemConstructorOptions => {
      if (item === 'separator') return { type: 'separator' };
      if ('role' in item) return { role: item.role };
      return {
        label: item.label,
        accelerator: item.accelerator,
        // The window's own key handling runs these keys: registered here too, a key would run its command twice.
        registerAccelerator: false,
        click: () => send(item.command),
      };
    }),
  }));
}

export function installAppMenu(window: () => BrowserWindow | null): void {
  const template = menuTemplate(appMenus(process.platform), (command) => window()?.webContents.send(MENU_CHANNEL, command));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
