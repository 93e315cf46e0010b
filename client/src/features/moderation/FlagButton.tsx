// Flagging a post or a position for the moderators: a reason and an optional note. The author never
// learns who flagged; a second flag from the same person is refused politely.
import { useState } from "react";
import { z } from "zod";
import { REASON_CODES, zFlagBody } from "../../../../shared/schemas/moderation.ts";
import { ApiError } from "../../api/client.ts";
import { flagContribution } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { SelectField, TextAreaField } from "../../components/fields.tsx";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { REASON_OPTIONS } from "./labels.ts";

type Outcome = "received" | "already";

// zFlagBody, with a message a person can act on when no reason was chosen.
const zFlagForm = z.object({ reason: z.enum(REASON_CODES, { error: "is required: choose the closest one" }), note: zFlagBody.shape.note }).strict();

function FlagForm({ kind, id, onDone, onCancel }: { kind: "post" | "position"; id: string; onDone(outcome: Outcome): void; onCancel(): void }) {
  const form = useSchemaForm({
    schema: zFlagForm,
    initial: { reason: "", note: "" },
    toInput: (v) => ({ reason: v.reason || undefined, note: v.note.trim() || undefined }),
    onValid: async (data) => {
      try {
        await flagContribution(kind, id, data);
        onDone("received");
      } catch (err) {
        // Already flagged by this person: not an error from their point of view.
        if (err instanceof ApiError && err.code === "conflict") onDone("already");
        else throw err;
      }
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <p>
        Tell the moderators what is wrong with this {kind === "post" ? "contribution" : "position"}. <strong>The author will not learn who flagged it.</strong>
      </p>
      {form.formError && <Alert>{form.formError}</Alert>}
      <SelectField label="Reason" binding={form.field("reason")} options={[{ value: "", label: "Choose a reason" }, ...REASON_OPTIONS]} />
      <TextAreaField label="Note for the moderators" optional binding={form.field("note")} rows={3} maxLength={2000} hint="Anything that helps them decide. Only moderators read it." />
      <p className="field__hint">
        Reporting illegal content hides the {kind === "post" ? "contribution" : "position"} at once until a moderator has reviewed it.
      </p>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? "Sending…" : "Send the flag"}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function FlagButton({ kind, id, label }: { kind: "post" | "position"; id: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState("");
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => setOpen(true)}>
        Flag<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="flag-status">
        {status}
      </span>
      <Modal open={open} title={kind === "post" ? "Flag this contribution" : "Flag this position"} onClose={() => setOpen(false)}>
        <FlagForm
          kind={kind}
          id={id}
          onCancel={() => setOpen(false)}
          onDone={(outcome) => {
            setOpen(false);
            setStatus(
              outcome === "received"
                ? "Thank you: your flag was received. A moderator will review it."
                : "You have already flagged this; the moderators have it.",
            );
          }}
        />
      </Modal>
    </>
  );
}
