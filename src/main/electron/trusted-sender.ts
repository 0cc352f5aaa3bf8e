// Which frames may call the core over IPC: the app's own pages (app://dossier), and in development the
// dev server's. Addresses are compared by scheme, host and port once parsed, never as string prefixes
// (http://localhost:5173 must not let in http://localhost:51730 or http://localhost:5173.evil.example).
export function trustedSender(appOrigin: string, devServerUrl?: string): (url: string) => boolean {
  const place = (url: string): string | null => {
    try {
      const parsed = new URL(url);
      // Custom schemes have an opaque origin ("null"): scheme and host say where the page came from.
      return `${parsed.protocol}//${parsed.host}`;
    } catch {
      return null;
    }
  };
  const allowed = new Set([place(appOrigin), ...(devServerUrl ? [place(devServerUrl)] : [])].filter((p): p is string => p !== null));
  return (url) => {
    const from = place(url);
    return from !== null && allowed.has(from);
  };
}
