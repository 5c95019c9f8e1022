import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

// The API is same-origin under /api/v1 in production (the qself server serves
// dist/ with an SPA fallback); in development Vite forwards /api to a local server.
export default defineConfig({
  plugins: [
    vue(),
    // The installable, offline app shell and the notifications: manifest.webmanifest
    // and sw.js, built from src/sw.ts with the list of every built file (each
    // route's chunk too) injected for it to precache. It answers any page
    // navigation with the cached index.html, caches no API answer, and shows
    // and handles reminders (Web Push). The page registers it (src/serviceWorker.ts).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      manifest: {
        name: 'qself',
        short_name: 'qself',
        description: 'Track anything about your life, on your own server.',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // --primary and --bg of src/styles/main.css (light scheme).
        theme_color: '#4f46e5',
        background_color: '#f4f5f8',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Static, as which trackers matter is per user: logging opens the
        // dashboard, where every tracker's card has its quick log.
        shortcuts: [
          {
            name: 'Log a value',
            short_name: 'Log',
            description: 'Open the dashboard to log a value',
            url: '/',
            icons: [{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'New tracker',
            short_name: 'New',
            url: '/trackers/new',
            icons: [{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
      },
      // The glob below takes every icon already.
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // A classic script, as the page registers it (no `type: 'module'`).
        rollupFormat: 'iife',
      },
    }),
  ],
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
