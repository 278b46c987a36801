import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is served by the Spur server from dist/; in dev mode Vite proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 500 },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.SPUR_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
