// Starting a thread: a title, the question it is about, the opening contribution. Validated with the
// schema the server uses; on success the author lands on the new thread.
import { useNavigate } from "react-router";
import { LIMITS } from "../../../../shared/limits.ts";
import { zCreateThreadBody } from "../../../../shared/schemas/threads.ts";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { createThread } from "../../api/threads.ts";
import { Alert } from "../../components/Alert.tsx";
import { SelectField, TextField } from "../../components/fields.tsx";
import { threadPath } from "../../lib/paths.ts";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { Composer } from "../composer/Composer.tsx";
import { SpeakAsField } from "../composer/SpeakAsField.tsx";

export function StartThreadForm({ consultation: c, questionId, onCancel }: { consultation: ConsultationDetail; questionId?: string; onCancel(): void }) {
  const navigate = useNavigate();
  const form = useSchemaForm({
    schema: zCreateThreadBody,
    initial: { title: "", questionId: questionId ?? "", body: "", onBehalfOfOrganisationId: "" },
    toInput: (v) => ({
      title: v.title,
      body: v.body,
      questionId: v.questionId || undefined,
      onBehalfOfOrganisationId: v.onBehalfOfOrganisationId || undefined,
    }),
    onValid: async (data) => {
      const { thread, post } = await createThread(c.id, data);
      const notice =
        post.status === "pending"
          ? "Your thread was started. It awaits a moderator's review: until it is approved, only you and the moderators can see it."
          : "Your thread was started.";
      navigate(threadPath(thread.id), { state: { notice } });
    },
  });

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="start-thread-title">
      <h3 id="start-thread-title" className="form__title">
        Start a thread
      </h3>
      {form.formError && <Alert>{form.formError}</Alert>}
      {c.viewer.contributionsHeld && (
        <p className="form__note" data-testid="held-note">Your contribution will be reviewed by a moderator before it appears.</p>
      )}
      <TextField label="Title" binding={form.field("title")} maxLength={LIMITS.titleMax} autoFocus hint="A short statement of what the thread is about." />
      {c.questions.length > 0 && (
        <SelectField
          label="Question"
          optional
          binding={form.field("questionId")}
          options={[
            { value: "", label: "The consultation in general" },
            ...c.questions.map((q) => ({ value: q.id, label: `Question ${q.ordinal}: ${q.text.length > 80 ? q.text.slice(0, 79) + "…" : q.text}` })),
          ]}
        />
      )}
      <Composer label="Opening contribution" binding={form.field("body")} rows={8} />
      <SpeakAsField binding={form.field("onBehalfOfOrganisationId")} />
      <div className="form__actions form__actions--row">
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {form.submitting ? "Starting the thread…" : "Start the thread"}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
