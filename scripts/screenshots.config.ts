// `npm run screenshots`: the README's pictures of the main views, made from the seed library.
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({ ...base, testDir: '.', testMatch: 'screenshots.spec.ts', workers: 1 });
