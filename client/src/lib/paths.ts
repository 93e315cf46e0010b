// Addresses of the client's pages, in one place.
const enc = encodeURIComponent;

export const consultationPath = (slug: string) => `/consultations/${enc(slug)}`;
export const threadPath = (id: string, postId?: string) => `/threads/${enc(id)}${postId ? `#post-${postId}` : ""}`;
export const postPath = (id: string) => `/posts/${enc(id)}`;
export const positionsPath = (slug: string, questionId: string) => `/consultations/${enc(slug)}/questions/${enc(questionId)}/positions`;
export const positionPath = (id: string) => `/positions/${enc(id)}`;
export const moderationPath = (slug: string) => `/consultations/${enc(slug)}/moderation`;
export const dashboardPath = (slug: string) => `/consultations/${enc(slug)}/dashboard`;
export const auditPath = (slug: string) => `/consultations/${enc(slug)}/audit`;
export const myDecisionsPath = (decisionId?: string) => `/me/decisions${decisionId ? `#decision-${decisionId}` : ""}`;
export const notificationsPath = "/notifications";
