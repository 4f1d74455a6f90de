import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The server serves the build at /display/; in development the API and sockets go to a running server.
export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: {
    // The wall display, the public waiting-count page (`/` redirects to it), the resident's
    // e-ticket page (the server answers /t/<token> with it) and the booking page (/book, /book/m/<token>).
    rollupOptions: {
      input: { index: page('./index.html'), status: page('./status.html'), eticket: page('./eticket.html'), book: page('./book.html') },
    },
  },
  server: {
    port: 5174,
    strictPort: true,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
