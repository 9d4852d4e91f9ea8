import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { scenarioCatalog } from './plugins/scenarioCatalog.ts';

export default defineConfig({
  // Relative base: dist/ works from any sub-path and from a plain static file server.
  base: './',
  // scenarioCatalog: the scenario files are validated here, in Node; the page gets a light index
  // (virtual:scenario-catalog) and loads each full scenario on demand.
  plugins: [svelte(), scenarioCatalog()],
  resolve: {
    // monaco-editor >= 0.56 only exports ./* -> ./esm/vs/*.js; monaco-yaml's worker manager still
    // imports the old deep paths (see ../shared/STACK.md §4).
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.+?)(?:\.js)?$/, replacement: 'monaco-editor/$1' }],
  },
  // vite dev only: the scan must also find what the lazily loaded pages and workers import (xstate,
  // zod and yaml through the engine; Monaco and monaco-yaml for the editor), or opening one the
  // first time answers 504 Outdated Optimize Dep and reloads the page (STACK.md §3).
  optimizeDeps: {
    entries: [
      'index.html',
      'src/ui/workspace/WorkspacePage.svelte',
      'src/ui/editor/EditorPage.svelte',
      'src/ui/editor/monaco/yamlEditor.ts',
      'src/ui/editor/monaco/yaml.worker.ts',
      'src/app/editor/scenario.worker.ts',
    ],
    // Imported only in Japanese, before Monaco, so the scan above does not see it.
    include: ['monaco-editor/nls/lang/ja'],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
