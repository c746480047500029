import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

// Vite empties dist/ before each build, which would delete the committed
// placeholder that lets `//go:embed all:dist` compile on a clean checkout.
// Writing it back after the bundle keeps `git status` clean.
function keepEmbedPlaceholder(): Plugin {
  return {
    name: 'sendqa-keep-embed-placeholder',
    apply: 'build',
    closeBundle() {
      writeFileSync(
        resolve(import.meta.dirname, 'dist/.placeholder'),
        'Keeps frontend/dist in git so that //go:embed all:dist compiles.\n',
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), keepEmbedPlaceholder()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets scripts/size.mjs follow the sign-in page's imports.
    manifest: true,
    sourcemap: false,
    target: 'es2022',
  },
  css: {
    // The minifier rejects an IE11 hack in GOV.UK Frontend's service
    // navigation styles (`min-width: 0\\0`); recovering drops that one rule,
    // which no supported browser needs.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        // govuk-frontend's own deprecation notices are not ours to fix.
        quietDeps: true,
      },
    },
  },
  server: {
    // In development the Go server answers /api; Vite serves the SPA.
    proxy: {
      '/api': `http://${process.env.SENDQA_HTTP_ADDR ?? '127.0.0.1:8080'}`,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Generous, because other work often shares this two-core machine: a
    // slow run should be slow, not red.
    testTimeout: 30_000,
  },
});
