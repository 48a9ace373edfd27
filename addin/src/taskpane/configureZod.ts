import { z } from "zod";

// Imported first by the entry point, before any schema is built. The catalog is checked with zod, whose compiled
// fast path probes `new Function`: the page's Content Security Policy forbids it (and reports the attempt). The
// interpreted path gives the same results.
z.config({ jitless: true });
