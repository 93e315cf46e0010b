// Benchmark-only preload (node --expose-gc --require this): on SIGUSR2 the process collects its garbage
// and writes process.memoryUsage() to $BENCH_MEMORY_FILE, so W4 can read what live objects really hold
// (resident memory also counts freed pages the allocator has not returned, and garbage not yet collected).
const fs = require("node:fs");
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  fs.writeFileSync(process.env.BENCH_MEMORY_FILE, JSON.stringify(process.memoryUsage()));
});
