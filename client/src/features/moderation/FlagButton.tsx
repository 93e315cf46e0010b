// Flagging a post, a position or an amendment for the moderators: a reason and an optional note. The author never
// learns who flagged; a second flag from the same person is refused politely.
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { REASON_CODES, zFlagBody } from "../../../../shared/schemas/moderation.ts";
import { ApiError } from "../../api/client.ts";
import { flagContribution, type FlagKind } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { SelectField, TextAreaField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { reasonOptions } from "./labels.ts";

type Outcome = "received" | "already";

/** The dialog's words per kind of contribution. */
const WORDS = {
  post: { intro: "flag.introPost", illegal: "flag.illegalPost", title: "flag.titlePost" },
  position: { intro: "flag.introPosition", illegal: "flag.illegalPosition", title: "flag.titlePosition" },
  amendment: { intro: "flag.introAmendment", illegal: "flag.illegalAmendment", title: "flag.titleAmendment" },
} as const;

// zFlagBody, with a message a person can act on when no reason was chosen.
const zFlagForm = z.object({ reason: z.enum(REASON_CODES, { error: "is required: choose the closest one" }), note: zFlagBody.shape.note }).strict();

function FlagForm({ kind, id, onDone, onCancel }: { kind: FlagKind; id: string; onDone(outcome: Outcome): void; onCancel(): void }) {
  const { t } = useTranslation("moderation");
  const form = useApiForm({
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
        <Trans t={t} i18nKey={WORDS[kind].intro} components={{ strong: <strong /> }} />
      </p>
      {form.formError && <Alert>{form.formError}</Alert>}
      <SelectField label={t("reason")} binding={form.field("reason")} options={[{ value: "", label: t("chooseReason") }, ...reasonOptions()]} />
      <TextAreaField label={t("flag.note")} optional binding={form.field("note")} rows={3} maxLength={2000} hint={t("flag.noteHint")} />
      <p className="field__hint">{t(WORDS[kind].illegal)}</p>
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? t("flag.sending") : t("flag.send")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          {t("common:cancel")}
        </button>
      </div>
    </form>
  );
}

export function FlagButton({ kind, id, label }: { kind: FlagKind; id: string; label: string }) {
  const { t } = useTranslation("moderation");
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState("");
  return (
    <>
      <button type="button" className="button button--small button--quiet" onClick={() => setOpen(true)}>
        {t("flag.button")}<span className="visually-hidden"> {label}</span>
      </button>
      <span role="status" className="flag-status">
        {status}
      </span>
      <Modal open={open} title={t(WORDS[kind].title)} onClose={() => setOpen(false)}>
        <FlagForm
          kind={kind}
          id={id}
          onCancel={() => setOpen(false)}
          onDone={(outcome) => {
            setOpen(false);
            setStatus(outcome === "received" ? t("flag.received") : t("flag.already"));
          }}
        />
      </Modal>
    </>
  );
}
