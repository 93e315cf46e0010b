// Lengths and sizes shared by the forms and the schemas that validate them.
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 256,
  displayNameMax: 80,
  organisationNameMax: 200,
  titleMax: 200,
  summaryMax: 2_000,
  slugMax: 80,
  questionTextMax: 2_000,
  questionsMax: 50,
  // Markdown parsing is superlinear on adversarial nesting (measured: 0.7 s at 12k characters); 20k bounds it.
  richTextMax: 20_000,
  plainTextMax: 10_000,
  urlMax: 2_000,
  evidenceMax: 20,
  /** Units of the draft texts one position may cite. */
  citedUnitsMax: 20,
  /** Largest JSON request body the API accepts (a long position with evidence fits comfortably). */
  jsonBodyBytes: 200 * 1024,
  pageSizeDefault: 50,
  /** Longest page cursor accepted (the organisations cursor carries a name key of up to 200 characters). */
  cursorMax: 2_000,
  /** PostgreSQL's integer: sequence numbers in cursors and socket requests stay within it. */
  int4Max: 2_147_483_647,
  pageSizeMax: 100,
  /** Pages of a text's (or a unit's) threads and amendments: a unit panel reads its own in a few pages. */
  unitListPageDefault: 100,
  unitListPageMax: 200,
  /** Replies deeper than this are shown at this depth (the tree is kept, only the indentation stops). */
  displayDepthMax: 6,
} as const;
