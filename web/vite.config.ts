// Vite builds the single-page app into dist/web, which the backend serves at /.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('@tabler')) return 'icons';
          if (id.includes('@mantine')) return 'mantine';
          return 'vendor';
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
