// What the header and pages offer by the account's standing (the server checks every action anyway).
import type { SessionUser } from "../../api/accounts.ts";

/** Organisers (of any consultation) and admins may create consultations (server/consultations/service.ts). */
export const mayCreateConsultations = (user: SessionUser | null) => !!user && (user.isAdmin || user.consultationRoles.some((r) => r.role === "organiser"));

/** Staff: admins, and organisers and moderators of some consultation. */
export const isStaff = (user: SessionUser | null) => !!user && (user.isAdmin || user.consultationRoles.some((r) => r.role === "organiser" || r.role === "moderator"));
