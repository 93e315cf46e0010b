// The decision dialog: a reason code and the statement of reasons the author will read, validated with
// the schemas the server uses (zContentDecisionBody, zThreadDecisionBody). Used for rejecting, hiding
// and editing posts, removing positions, locking threads and setting slow mode. The server's refusals
// (neutrality, hierarchy, someone else decided first) are shown as they come.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../../i18n/index.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { zContentDecisionBody, zThreadDecisionBody, type ContentAction } from "../../../../shared/schemas/moderation.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import { decideOnAmendment } from "../texts/api.ts";
import { confirmRemoval, decideOnPost, decideOnPosition, decideOnThread, type DecisionResult, type ThreadState } from "../../api/moderation.ts";
import { Alert } from "../../components/Alert.tsx";
import { Modal } from "../../components/Modal.tsx";
import { SelectField, TextAreaField } from "../../components/fields.tsx";
import { useApiForm } from "../../lib/useApiForm.ts";
import { reasonOptions } from "./labels.ts";
import { describeSlowMode } from "./ThreadModerationBar.tsx";

export type DecisionTarget =
  | { kind: "post"; id: string; action: Extract<ContentAction, "reject" | "hide" | "edit">; excerpt?: string | null; bodySource?: string }
  | { kind: "position"; id: string; action: "reject" | "hide"; excerpt?: string | null }
  | { kind: "amendment"; id: string; action: "reject" | "hide"; excerpt?: string | null }
  | { kind: "thread"; id: string; action: "lock" | "slow_mode"; title: string; slowModeSeconds?: number };

export type DecisionOutcome =
  | { kind: "content"; target: DecisionTarget; result: DecisionResult }
  | { kind: "thread"; target: DecisionTarget; thread: ThreadState }
  /** A second moderator confirmed a proposed removal of a position. */
  | { kind: "confirmed"; target: DecisionTarget; status: string };

const SLOW_MODE_SECONDS = [30, 60, 120, 300, 900, 3600];

function slowModeOptions() {
  const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return [{ value: "0", label: i18n.t("moderation:slowMode.off") }, ...SLOW_MODE_SECONDS.map((s) => ({ value: String(s), label: sentence(describeSlowMode(s) ?? "") }))];
}

function dialogTitle(t: DecisionTarget): string {
  if (t.kind === "thread") return t.action === "lock" ? i18n.t("moderation:dialog.titleLock") : i18n.t("moderation:dialog.titleSlowMode");
  if (t.kind === "position") return i18n.t("moderation:dialog.titleRemovePosition");
  if (t.kind === "amendment") return i18n.t(t.action === "reject" ? "queue-amendments:dialogReject" : "queue-amendments:dialogHide");
  if (t.action === "reject") return i18n.t("moderation:dialog.titleReject");
  return t.action === "hide" ? i18n.t("moderation:dialog.titleHide") : i18n.t("moderation:dialog.titleEdit");
}

function submitLabel(t: DecisionTarget): [idle: string, busy: string] {
  const saving = i18n.t("moderation:dialog.saving");
  if (t.kind === "thread") return t.action === "lock" ? [i18n.t("moderation:dialog.lock"), i18n.t("moderation:dialog.locking")] : [i18n.t("moderation:dialog.setSlowMode"), saving];
  if (t.kind === "position") return [i18n.t("moderation:dialog.proposeRemoval"), i18n.t("moderation:dialog.sending")];
  if (t.action === "reject") return [i18n.t("moderation:dialog.reject"), i18n.t("moderation:dialog.rejecting")];
  if (t.action === "hide") return [i18n.t("moderation:dialog.hide"), i18n.t("moderation:dialog.hiding")];
  return [i18n.t("moderation:dialog.saveEdit"), saving];
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
  const { t } = useTranslation("moderation");
  const [confirmable, setConfirmable] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const isThread = target.kind === "thread";
  const form = useApiForm({
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
        // Amendments: the same form and reasons, their own endpoint (server/amendments/moderation.ts).
        else if (target.kind === "amendment") onDone({ kind: "content", target, result: (await decideOnAmendment(target.id, data as never)) as DecisionResult });
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
          <p className="decision-form__label">{t("dialog.theContribution")}</p>
          <blockquote>{target.excerpt}</blockquote>
        </div>
      )}
      {target.kind === "position" && (
        <p className="form__note">{t("dialog.twoModerators")}</p>
      )}
      {form.formError && <Alert>{form.formError}</Alert>}
      {confirmable && (
        <div className="decision-form__confirm">
          <p>{t("dialog.alreadyProposed")}</p>
          <button type="button" className="button button--danger" disabled={confirming} onClick={() => void confirm()}>
            {confirming ? t("dialog.confirming") : t("dialog.confirmRemoval")}
          </button>
          {confirmError && (
            <p role="alert" className="inline-error">
              {confirmError}
            </p>
          )}
        </div>
      )}
      {target.kind === "thread" && target.action === "slow_mode" && (
        <SelectField label={t("dialog.pace")} binding={form.field("seconds")} options={slowModeOptions()} hint={t("dialog.paceHint")} />
      )}
      {target.kind === "post" && target.action === "edit" && (
        <TextAreaField
          label={t("dialog.newText")}
          binding={form.field("body")}
          rows={8}
          maxLength={LIMITS.richTextMax}
          hint={t("dialog.newTextHint")}
        />
      )}
      {restricting && (
        <>
          <SelectField label={t("reason")} binding={form.field("reasonCode")} options={[{ value: "", label: t("chooseReason") }, ...reasonOptions()]} />
          <TextAreaField
            label={t("dialog.statement")}
            binding={form.field("statement")}
            rows={4}
            maxLength={LIMITS.plainTextMax}
            hint={
              target.kind === "thread"
                ? t("dialog.statementHintThread")
                : t("dialog.statementHint")
            }
          />
        </>
      )}
      <div className="form__actions form__actions--row">
        <button type="submit" className={target.action === "edit" || target.action === "slow_mode" ? "button button--primary" : "button button--danger"} disabled={form.submitting}>
          {form.submitting ? busy : idle}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={form.submitting}>
          {t("common:cancel")}
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
