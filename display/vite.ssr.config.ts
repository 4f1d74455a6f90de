import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The public status page rendered on the server: one ES module (dist-ssr/status.js) exporting
// renderStatusPage and statusPageHead, which the server imports. React and everything else are
// bundled in, so the server needs nothing installed beside it. Its own folder: the main build
// empties dist/.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  // A production React on the server, whatever NODE_ENV the server runs with.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: fileURLToPath(new URL('./src/status/server.tsx', import.meta.url)),
    outDir: 'dist-ssr',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'status.js' } },
  },
});
