// Imported first by main.tsx, before any schema is built: zod decides per object schema, when it is
// created, whether to compile a fast parser with `new Function`. Our CSP forbids eval (script-src 'self'),
// and the probe alone would be reported as a violation on every page. Jitless parsing is plenty fast here.
import { z } from "zod";

z.config({ jitless: true });
