import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to web/dist: the local instance serves it, and the AWS stack puts it in the web bucket.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The size that matters is reported by `npm run bench` (gzip of the first load).
    reportCompressedSize: false,
  },
  server: {
    // `npm start` on :3000 answers the API; the dev server forwards to it.
    proxy: { '/api': 'http://localhost:3000', '/oauth': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' },
  },
});
