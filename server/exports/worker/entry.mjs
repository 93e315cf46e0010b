// Entry of the export worker thread. Plain JavaScript: a worker starts without the parent's TypeScript
// loader, so it registers tsx itself (as the server does at boot) and then loads the real worker code.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.main);
