// The decision dialog: a reason code and the statement of reasons the author will read, validated with
// the schemas the server uses (zContentDecisionBody, zThreadDecisionBody). Used for rejecting, hiding
// and editing posts, removing positions, locking threads and setting slow mode. The server's refusals
// (neutrality, hierarchy, someone else decided first) are shown as they come.
import { useState } from "react";
import { LIMITS } from "../../../../shared/limits.ts";
import { zContentDecisionBody, zThreadDecisionBody, type ContentAction } from "../../../../shared/schemas/moderation.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import { confirmRemoval, decideOnPost, decideOnPosition, decideOnThread, type DecisionResult, type ThreadState } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { SelectField, TextAreaField } from "../../components/fields.tsx";
import { useSchemaForm } from "../../lib/useSchemaForm.ts";
import { REASON_OPTIONS } from "./labels.ts";

export type DecisionTarget =
  | { kind: "post"; id: string; action: Extract<ContentAction, "reject" | "hide" | "edit">; excerpt?: string | null; bodySource?: string }
  | { kind: "position"; id: string; action: "reject" | "hide"; excerpt?: string | null }
  | { kind: "thread"; id: string; action: "lock" | "slow_mode"; title: string; slowModeSeconds?: number };

export type DecisionOutcome =
  | { kind: "content"; target: DecisionTarget; result: DecisionResult }
  | { kind: "thread"; target: DecisionTarget; thread: ThreadState }
  /** A second moderator confirmed a proposed removal of a position. */
  | { kind: "confirmed"; target: DecisionTarget; status: string };

const SLOW_MODE_OPTIONS = [
  { value: "0", label: "Off" },
  { value: "30", label: "One post every 30 seconds per person" },
  { value: "60", label: "One post a minute per person" },
  { value: "120", label: "One post every 2 minutes per person" },
  { value: "300", label: "One post every 5 minutes per person" },
  { value: "900", label: "One post every 15 minutes per person" },
  { value: "3600", label: "One post an hour per person" },
];

function dialogTitle(t: DecisionTarget): string {
  if (t.kind === "thread") return t.action === "lock" ? "Lock this thread" : "Slow mode for this thread";
  if (t.kind === "position") return "Propose removing this position";
  return t.action === "reject" ? "Reject this contribution" : t.action === "hide" ? "Hide this contribution" : "Edit this contribution as a moderator";
}

function submitLabel(t: DecisionTarget): [idle: string, busy: string] {
  if (t.kind === "thread") return t.action === "lock" ? ["Lock the thread", "Locking…"] : ["Set slow mode", "Saving…"];
  if (t.kind === "position") return ["Propose removal", "Sending…"];
  if (t.action === "reject") return ["Reject", "Rejecting…"];
  if (t.action === "hide") return ["Hide", "Hiding…"];
  return ["Save the edit", "Saving…"];
}

/** "confirm decision <id> instead": the server names the removal that awaits confirmation. */
function pendingRemovalId(err: ApiError): string | null {
  for (const d of err.details) {
    const m = /confirm decision (\S+) instead/.exec(d.message);
    if (m) return m[1]!;
  }
  return null;
}

function DecisionForm({ target, onDone, onCancel }: { target: DecisionTarget; onDone(outcome: DecisionOutcome): void; onCancel(): void }) {
  const [confirmable, setConfirmable] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const isThread = target.kind === "thread";
  const form = useSchemaForm({
    schema: isThread ? zThreadDecisionBody : zContentDecisionBody,
    initial: {
      reasonCode: "",
      statement: "",
      body: target.kind === "post" && target.action === "edit" ? (target.bodySource ?? "") : "",
      seconds: target.kind === "thread" ? String(target.slowModeSeconds || 60) : "",
    },
    toInput: (v) => {
      const common = { reasonCode: v.reasonCode || undefined, statement: v.statement.trim() || undefined };
      if (target.kind === "thread") return { action: target.action, ...common, ...(target.action === "slow_mode" ? { seconds: Number(v.seconds) } : {}) };
      return { action: target.action, ...common, ...(target.action === "edit" ? { body: v.body } : {}) };
    },
    onValid: async (data) => {
      setConfirmable(null);
      try {
        if (target.kind === "thread") onDone({ kind: "thread", target, thread: await decideOnThread(target.id, data as never) });
        else if (target.kind === "post") onDone({ kind: "content", target, result: await decideOnPost(target.id, data as never) });
        else onDone({ kind: "content", target, result: await decideOnPosition(target.id, data as never) });
      } catch (err) {
        if (err instanceof ApiError && err.code === "conflict" && target.kind === "position") setConfirmable(pendingRemovalId(err));
        throw err;
      }
    },
  });

  const confirm = async () => {
    if (!confirmable) return;
    setConfirming(true);
    setConfirmError(null);
    try {
      const { status } = await confirmRemoval(confirmable);
      onDone({ kind: "confirmed", target, status });
    } catch (err) {
      setConfirmError(asApiError(err).message);
    } finally {
      setConfirming(false);
    }
  };

  const restricting = !(target.kind === "thread" && target.action === "slow_mode" && form.values.seconds === "0");
  const [idle, busy] = submitLabel(target);
  return (
    <form onSubmit={form.onSubmit} noValidate className="decision-form">
      {target.kind !== "thread" && target.excerpt && (
        <div className="decision-form__excerpt">
          <p className="decision-form__label">The contribution</p>
          <blockquote>{target.excerpt}</blockquote>
        </div>
      )}
      {target.kind === "position" && (
        <p className="form__note">Removing an organisation's position takes two moderators: yours is a proposal until another moderator confirms it.</p>
      )}
      {form.formError && <Alert>{form.formError}</Alert>}
      {confirmable && (
        <div className="decision-form__confirm">
          <p>Another moderator has already proposed removing this position. You can confirm that removal.</p>
          <button type="button" className="button button--danger" disabled={confirming} onClick={() => void confirm()}>
            {confirming ? "Confirming…" : "Confirm removal"}
          </button>
          {confirmError && (
            <p role="alert" className="inline-error">
              {confirmError}
            </p>
          )}
        </div>
      )}
      {target.kind === "thread" && target.action === "slow_mode" && (
        <SelectField label="Pace" binding={form.field("seconds")} options={SLOW_MODE_OPTIONS} hint="How often each person may post in this thread." />
      )}
      {target.kind === "post" && target.action === "edit" && (
        <TextAreaField
          label="New text"
          binding={form.field("body")}
          rows={8}
          maxLength={LIMITS.richTextMax}
          hint="Markdown, as in the composer. The original is kept as a revision that moderators can see."
        />
      )}
      {restricting && (
        <>
          <SelectField label="Reason" binding={form.field("reasonCode")} options={[{ value: "", label: "Choose a reason" }, ...REASON_OPTIONS]} />
          <TextAreaField
            label="Statement of reasons"
            binding={form.field("statement")}
            rows={4}
            maxLength={LIMITS.plainTextMax}
            hint={
              target.kind === "thread"
                ? "Shown in the record of decisions. Say which rule applies and why."
                : "The author will read this statement and can appeal it. Say which rule applies and why, politely."
            }
          />
        </>
      )}
      <div className="form__actions form__actions--row">
        <button type="submit" className={target.action === "edit" || target.action === "slow_mode" ? "button button--primary" : "button button--danger"} disabled={form.submitting}>
          {form.submitting ? busy : idle}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function DecisionDialog({ target, onClose, onDone }: { target: DecisionTarget | null; onClose(): void; onDone(outcome: DecisionOutcome): void }) {
  return (
    <Modal open={target !== null} title={target ? dialogTitle(target) : ""} onClose={onClose}>
      {target && <DecisionForm key={`${target.kind}:${target.id}:${target.action}`} target={target} onDone={onDone} onCancel={onClose} />}
    </Modal>
  );
}
