// Invitations by mail (server/invitations): to a consultation with a role; answering a mailed link.
import { z } from "zod";
import { CONSULTATION_ROLES } from "../categories.ts";
import { zEmail } from "./accounts.ts";
import { zMailToken } from "./mail.ts";

export const zConsultationInvitationBody = z.object({ email: zEmail, role: z.enum(CONSULTATION_ROLES) }).strict();
export type TConsultationInvitationBody = z.infer<typeof zConsultationInvitationBody>;

export const zInvitationTokenBody = z.object({ token: zMailToken }).strict();
export const zInvitationTokenQuery = z.object({ token: zMailToken });
