// Addresses of the texts pages: the reading view opens at a unit with ?unit=<eId> (permalinks).
const enc = encodeURIComponent;

export const textPath = (slug: string, documentId: string, opts: { unit?: string; version?: number } = {}) => {
  const q = new URLSearchParams();
  if (opts.version) q.set("version", String(opts.version));
  if (opts.unit) q.set("unit", opts.unit);
  const qs = q.toString();
  return `/consultations/${enc(slug)}/texts/${enc(documentId)}${qs ? `?${qs}` : ""}`;
};

/** The element id of a unit in the reading view (eIds are [A-Za-z0-9_], safe in ids). */
export const unitElementId = (eId: string) => `unit-${eId}`;
