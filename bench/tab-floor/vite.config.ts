/** Builds the benchmark's blank Fluent UI page (see main.ts); bench/tab.ts passes the output folder. */
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return; // Fluent's 'use client', as in the tab's vite.config.ts
        warn(warning);
      },
    },
  },
});
