import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The API is same-origin under /api/v1 in production (the qself server serves
// dist/ with an SPA fallback); in development Vite forwards /api to a local server.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // The framework in one long-cached chunk; Chart.js stays with the tracker page.
        manualChunks(id: string) {
          if (/node_modules\/(@vue|vue|vue-router|pinia)\//.test(id)) return 'vendor'
        },
      },
    },
  },
})
