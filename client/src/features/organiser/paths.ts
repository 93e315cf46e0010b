const enc = encodeURIComponent;
export const newConsultationPath = "/consultations/new";
export const managePath = (slug: string) => `/consultations/${enc(slug)}/manage`;
