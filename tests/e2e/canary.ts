// A canary for hostile content: records every sign that something in the page ran, navigated, opened a
// window, downloaded or reached a host other than the app's own, so that a test can prove content inert.
import type { Page } from '@playwright/test';

export interface Canary {
  /** Proof that hostile content acted: each one is a failure. */
  readonly findings: string[];
  /** What the browser blocked on the way (CSP violations, refused loads): a pass, worth knowing. */
  readonly notes: string[];
  /** The number of findings so far, to read those of one step with `since`. */
  mark(): number;
  since(mark: number): string[];
}

const BINDING = '__dossierCanary';

/** Runs in every frame before any of its scripts: traps for what a payload would do if it ran. */
function trapScript(binding: string): void {
  type Report = (kind: string, detail: string) => void;
  const w = window as unknown as Window & Record<string, unknown>;
  if (w.__dossierCanaryInstalled) return;
  w.__dossierCanaryInstalled = true;
  const report: Report = (kind, detail) => {
    const send = w[binding];
    if (typeof send === 'function') void (send as Report)(kind, detail);
  };
  const where = window === window.top ? 'page' : `frame ${location.href}`;
  // Payloads prove they ran by setting top.__pwned.
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: (value: unknown) => report('finding', `${where}: __pwned was set to ${String(value)}`),
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
    Object.defineProperty(window, name, {
      configurable: false,
      writable: false,
      value: (...args: unknown[]) => {
        report('finding', `${where}: ${name}(${args.map(String).join(', ')}) was called`);
        return name === 'confirm' ? false : null;
      },
    });
  }
  Object.defineProperty(window, 'open', {
    configurable: false,
    writable: false,
    value: (...args: unknown[]) => {
      report('finding', `${where}: window.open(${args.map(String).join(', ')}) was called`);
      return null;
    },
  });
  const submit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
    report('finding', `${where}: a form was submitted to ${this.action}`);
    return submit.call(this);
  };
  window.addEventListener(
    'error',
    (event) => {
      // Script errors only; a resource that failed to load is an ordinary Event, seen as a request instead.
      if (event instanceof ErrorEvent) report('finding', `${where}: uncaught error: ${event.message}`);
    },
    true,
  );
  window.addEventListener('unhandledrejection', (event) => report('finding', `${where}: unhandled rejection: ${String(event.reason)}`));
  document.addEventListener('securitypolicyviolation', (event) =>
    report('note', `${where}: CSP blocked ${event.blockedURI || 'inline code'} (${event.violatedDirective})`),
  );
  // The app's own forms handle submit themselves; one that would really be sent is a finding.
  window.addEventListener('submit', (event) => {
    setTimeout(() => {
      if (!event.defaultPrevented) report('finding', `${where}: a form was submitted to ${(event.target as HTMLFormElement).action}`);
    });
  });
}

/**
 * Installs the canary on `page` before it loads anything. `appUrl` is the app's own address: requests to its
 * origin are the app's; loading that page again (a reload) and hash changes are the app's navigation.
 * Requests to any other host are recorded as findings. (They are not intercepted: routing every request
 * through the test runner slows the app's own API calls tenfold.)
 */
export async function installCanary(page: Page, appUrl: string): Promise<Canary> {
  const app = new URL(appUrl);
  const findings: string[] = [];
  const notes: string[] = [];
  const finding = (text: string) => findings.push(text);
  const isApp = (url: string) => {
    try {
      return new URL(url).origin === app.origin;
    } catch {
      return false;
    }
  };
  const withoutHash = (url: string) => url.replace(/#.*$/, '');

  await page.exposeBinding(BINDING, (_source, kind: unknown, detail: unknown) => {
    (kind === 'note' ? notes : findings).push(String(detail));
  });
  await page.addInitScript(trapScript, BINDING);

  page.on('request', (request) => {
    const url = request.url();
    if (isApp(url)) return;
    if (/^(?:data|blob):/i.test(url)) notes.push(`request to ${url.slice(0, 80)}`);
    else finding(`request to another host: ${url}`);
  });
  page.on('websocket', (socket) => finding(`WebSocket to ${socket.url()}`));
  page.on('dialog', (dialog) => {
    finding(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('popup', (popup) => finding(`popup opened: ${popup.url()}`));
  page.context().on('page', (other) => {
    if (other !== page) finding(`new page opened: ${other.url()}`);
  });
  page.on('download', (download) => finding(`download started: ${download.url()}`));
  page.on('frameattached', (frame) => finding(`frame attached: ${frame.url() || frame.name() || '(blank)'}`));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame !== page.mainFrame()) finding(`frame navigated to ${url}`);
    else if (withoutHash(url) !== withoutHash(appUrl)) finding(`the page navigated to ${url}`);
  });
  page.on('pageerror', (error) => finding(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    if (/Content Security Policy|Refused to (?:load|execute|apply|frame|connect)/i.test(text)) notes.push(`console: ${text}`);
    else if (/^Failed to load resource/i.test(text)) notes.push(`console: ${text} (${message.location().url})`);
    else if (message.type() === 'error') finding(`console error: ${text}`);
    else notes.push(`console warning: ${text.slice(0, 200)}`);
  });

  return {
    findings,
    notes,
    mark: () => findings.length,
    since: (mark) => findings.slice(mark),
  };
}
