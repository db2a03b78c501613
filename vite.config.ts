import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The kiosk build (index.html → dist/, service worker from src/sw/sw.ts) and the unit-test config.
export default defineConfig({
  // shown in staff mode, sent in heartbeats; APP_VERSION stamps a build (a release pipeline, the soak's updates)
  define: { __APP_VERSION__: JSON.stringify(process.env.APP_VERSION || pkg.version) },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false, // registered by src/kiosk/platform/sw-bridge.ts with workbox-window
      includeManifestIcons: false, // public/ icons are precached by the glob below; listed once
      manifest: {
        name: '职工服务中心 · Workers\' Service Center',
        short_name: '职工服务中心',
        lang: 'zh-CN',
        display: 'fullscreen',
        orientation: 'any',
        start_url: '/',
        background_color: '#0d1b2a',
        theme_color: '#0d1b2a',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      injectManifest: {
        // wasm: the QR decoder (zxing-cpp, 1.1 MB), so the camera reads badges offline from the first start
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,mp3,wav,ogg,wasm}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['tests/unit/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
