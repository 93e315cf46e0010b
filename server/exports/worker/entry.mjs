// Entry of the export worker threads, the file the piscina pool loads. Plain JavaScript: a worker starts
// without the parent's TypeScript loader, so it registers tsx itself (as the server does at boot) and
// then loads the real worker code. No top-level await: piscina first tries require(), which refuses
// modules that have one, and only then import().
import { register } from "tsx/esm/api";

register();
const main = new URL("./main.ts", import.meta.url).href;
let loaded;

export default async function runTask(payload) {
  loaded ??= import(main);
  const { default: run } = await loaded;
  return run(payload);
}
