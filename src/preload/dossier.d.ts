// The type of the one object the preload exposes to the renderer.
import type { DossierClient } from '../shared/api';

declare global {
  interface Window {
    dossier?: DossierClient;
  }
}
export {};
