import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const API = "http://127.0.0.1:4000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/webapp", import.meta.url)),
    emptyOutDir: true,
  },
  // `vite --config web/vite.config.ts` serves the sources with hot reload next to a running `npm start`.
  server: { proxy: { "/graphql": API, "/health": API, "/ide": API } },
});
