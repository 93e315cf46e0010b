import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client lives in client/ and is built into dist/client, which the server serves.
// In development (`npm run dev`) Vite serves it on :5173 and forwards the API to the server on :3000.
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      "/api": "http://localhost:3000",
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
});
