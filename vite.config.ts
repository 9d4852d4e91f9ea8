import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative base: dist/ works from any sub-path and from a plain static file server.
  base: './',
  plugins: [svelte()],
  resolve: {
    // monaco-editor >= 0.56 only exports ./* -> ./esm/vs/*.js; monaco-yaml's worker manager still
    // imports the old deep paths (see ../shared/STACK.md §4).
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.+?)(?:\.js)?$/, replacement: 'monaco-editor/$1' }],
  },
  optimizeDeps: { entries: ['index.html'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
