// For organisers: move the consultation through its lifecycle and add members by email.
// Deliberately small; the server decides what is permitted and says why when it is not.
import { useState } from "react";
import { CONSULTATION_ROLES } from "../../../../shared/categories.ts";
import { z } from "zod";
import { LIMITS } from "../../../../shared/limits.ts";
import { addMember, updateConsultation, type ConsultationDetail } from "../../api/consultations.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextField } from "../../components/fields.tsx";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { LIFECYCLE_MOVES, ROLE_LABELS, STATUS_LABELS } from "./labels.ts";

// The server's zAddMemberBody also accepts an organisation instead of an email; this form adds people.
const zAddByEmail = z.object({
  email: z.string().trim().min(1, "is required").max(LIMITS.emailMax),
  role: z.enum(CONSULTATION_ROLES),
});

function AddMemberForm({ consultationId }: { consultationId: string }) {
  const [added, setAdded] = useState<string | null>(null);
  const form = useSchemaForm({
    schema: zAddByEmail,
    initial: { email: "", role: "participant" },
    onValid: async (data) => {
      setAdded(null);
      const member = await addMember(consultationId, data);
      setAdded(`${member.displayName ?? member.name ?? "The member"} is now ${ROLE_LABELS[member.role].toLowerCase()}.`);
    },
  });
  return (
    <form className="organiser__form" onSubmit={form.onSubmit} noValidate aria-labelledby="add-member-title">
      <h3 id="add-member-title">Add a member</h3>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label="Email address" type="email" binding={form.field("email")} autoComplete="off" spellCheck={false} hint="The person needs an account already." />
      <SelectField label="Role" binding={form.field("role")} options={CONSULTATION_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <button type="submit" className="button button--secondary" disabled={form.submitting}>
        {form.submitting ? "Adding…" : "Add member"}
      </button>
      <p role="status" className="organiser__status">
        {added}
      </p>
    </form>
  );
}

export function OrganiserPanel({ consultation: c, onChanged }: { consultation: ConsultationDetail; onChanged(next: ConsultationDetail): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const moves = LIFECYCLE_MOVES[c.status];

  const move = async (to: (typeof moves)[number]["to"]) => {
    setBusy(true);
    setError(null);
    try {
      const next = await updateConsultation(c.id, { status: to });
      setStatus(`The consultation is now: ${STATUS_LABELS[next.status]}.`);
      onChanged(next);
      // The pressed button is gone with the old status: keep focus in the panel.
      document.getElementById("organiser-title")?.focus();
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="organiser" aria-labelledby="organiser-title">
      <h2 id="organiser-title" tabIndex={-1}>
        Organiser tools
      </h2>
      <div className="organiser__lifecycle">
        <h3>Lifecycle</h3>
        <p>
          Current status: <strong>{STATUS_LABELS[c.status]}</strong>
        </p>
        {error && <Alert>{error}</Alert>}
        {moves.length === 0 ? (
          <p className="muted">An archived consultation stays as it is.</p>
        ) : (
          <div className="button-row">
            {moves.map((m) => (
              <button key={m.to} type="button" className="button button--secondary" disabled={busy} onClick={() => void move(m.to)}>
                {m.label}
              </button>
            ))}
          </div>
        )}
        <p role="status" className="organiser__status">
          {status}
        </p>
      </div>
      {c.abilities.manageMembers && <AddMemberForm consultationId={c.id} />}
    </section>
  );
}
