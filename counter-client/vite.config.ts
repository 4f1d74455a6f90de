import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves the build at /counter/; in development the API and sockets go to a running server.
export default defineConfig({
  base: '/counter/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
