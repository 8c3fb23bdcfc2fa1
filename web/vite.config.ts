import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by the gateway at / (gateway/server/web-app.ts), from web/dist.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco (the query editor) is large; it is loaded only when the editor is opened.
    chunkSizeWarningLimit: 5000,
    // No inline data: URLs for scripts; the Content-Security-Policy allows scripts from this origin only.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // GraphiQL's modules open with React-compiler directives that a bundle does not need.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, proxy: { '/graphql': 'http://127.0.0.1:4000', '/audit': 'http://127.0.0.1:4000', '/app': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000' } },
});
