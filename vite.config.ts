// Vite builds and serves the browser app; Vitest reads its settings from the same file.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The simulation runs in a module worker so it can share ES-module code with the CLI.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Simulation tests run minutes of simulated time; the shared 2-core machines are slow at times.
    testTimeout: 120_000,
  },
});
