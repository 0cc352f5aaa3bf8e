import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startLoadingLibrary } from './hooks/use-library';
import { applyPreferences } from './lib/preferences';
import { restoreRoute } from './lib/session';
// The editor's base styles (TipTap would otherwise inject them as an inline <style>, which the CSP refuses).
import 'prosemirror-view/style/prosemirror.css';
import './styles.css';

applyPreferences();
restoreRoute();
startLoadingLibrary();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
