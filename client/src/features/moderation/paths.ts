export const moderationLogPath = (slug: string) => `/consultations/${encodeURIComponent(slug)}/moderation/log`;
