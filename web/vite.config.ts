// Vite builds the single-page app into dist/web, which the backend serves at /.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));
const backend = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which files each chunk needs, read by scripts/web-budget.ts.
    manifest: true,
    rollupOptions: {
      output: {
        // React, the router and TanStack Query, which every page needs, in a chunk that stays cached from one release
        // of the app's code to the next. Everything else (Mantine, icons, pages) is split by Rollup along the lazy
        // routes (web/src/routes.tsx), so HQ- and CRM-only components stay out of the storefront's download.
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|@tanstack|openapi-fetch)\//.test(id)) return 'framework';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/docs': backend,
    },
  },
});
