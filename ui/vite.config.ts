import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The Maven build runs `npm run build`; the output lands in the jar under /ui and the gateway
// serves it at /. `npm run dev` proxies the APIs to a gateway on 127.0.0.1:5000.
export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    outDir: "../target/classes/ui",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5000",
      "/ajax-api": "http://127.0.0.1:5000",
      "/gateway": "http://127.0.0.1:5000",
    },
  },
});
