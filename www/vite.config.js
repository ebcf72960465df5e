import { defineConfig } from 'vite';

// One page, built to www/dist with relative asset URLs (it works from any path).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The package's browser entry loads its wasm with a top-level await.
    target: 'es2022',
  },
  // The package is a linked folder (file:../pkg): serve it as it is, wasm URL included.
  optimizeDeps: { exclude: ['ic-customer-contract'] },
  server: { fs: { allow: ['..'] } },
});
