import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The widget other sites embed (/widget.js): one classic script, no framework, no imports, so a
// plain <script src> tag in any page runs it. Built beside the display's pages, into its own
// folder (the main build empties dist/).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist-widget',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: fileURLToPath(new URL('./src/widget/widget.ts', import.meta.url)),
      formats: ['iife'],
      name: 'JiaohaoWidget',
      fileName: () => 'widget.js',
    },
  },
});
