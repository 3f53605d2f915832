import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at / under a CSP without inline script: Vite emits only external module scripts.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
