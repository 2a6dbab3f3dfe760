/**
 * The tab's build: root tab/, output dist/tab (served by the server at /tab/), base /tab/.
 * Vite compiles TSX itself (oxc, automatic JSX runtime); every page is its own chunk (loaded on demand).
 */
import path from 'node:path';
import griffel from '@griffel/vite-plugin';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  plugins: [
    // Griffel's ahead-of-time pass: the tab's makeStyles become precomputed class maps and CSS at build time,
    // so the browser no longer compiles them (Fluent's own packages ship so). Parsing TS needs the syntax plugin.
    command === 'build' && griffel({ include: ['**/tab/src/**/*.{ts,tsx}'], babelOptions: { plugins: [['@babel/plugin-syntax-typescript', { isTSX: true }]] } }),
  ],
  root: path.resolve(__dirname, 'tab'),
  base: '/tab/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(__dirname, 'dist/tab'),
    emptyOutDir: true,
    target: 'es2022',
    // The initial bundle's budget is 250 KB gzipped (issue 8); the report shows each chunk's size.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Fluent UI marks its modules 'use client' (for React Server Components); meaningless in this client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3978' } },
  preview: { proxy: { '/api': 'http://localhost:3978' } },
}));
