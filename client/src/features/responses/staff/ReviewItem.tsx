// One submitted response in the staff's review list: its mark as suspected automated (set with a reason,
// which is audited; lifted in one click), its files, each withheld from publication with a reason the
// respondent reads, or published again, and the moderators' redactions (passages of answers, pages of
// PDFs), each lifted with a reason kept in the moderation log. The server answers with the new state,
// shown in place.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CATEGORY_LABELS } from "../../../../../shared/categories.ts";
import { zRequiredText } from "../../../../../shared/schemas/common.ts";
import { ApiError } from "../../../api/client.ts";
import { liftAttachmentPageRedaction, liftRedaction, markSuspectedAutomated, releaseAttachment, withholdAttachment, type ReviewItem as Item } from "../../../api/response-staff.ts";
import type { Attachment } from "../../../api/responses.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { TextField } from "../../../components/fields.tsx";
import { useApiForm } from "../../../lib/useApiForm.ts";
import { reasonLabel } from "../../moderation/labels.ts";
import { PageRedactionForm } from "./PageRedactionForm.tsx";

const zReasonForm = z.object({ reason: zRequiredText(2_000) }).strict();

function ReasonForm({ label, hint, submit, onDone }: { label: string; hint?: string; submit(reason: string): Promise<void>; onDone(): void }) {
  const { t } = useTranslation("response-staff");
  const form = useApiForm({
    schema: zReasonForm,
    initial: { reason: "" },
    onValid: async ({ reason }) => {
      await submit(reason);
      onDone();
    },
  });
  return (
    <form className="staff-actions" onSubmit={form.onSubmit} noValidate aria-label={label}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("review.reason")} binding={form.field("reason")} maxLength={2_000} hint={hint} />
      <button type="submit" className="button button--primary button--small" disabled={form.submitting}>
        {label}
      </button>
    </form>
  );
}

export function ReviewItem({ item, onChanged }: { item: Item; onChanged(next: Item): void }) {
  const { t } = useTranslation("response-staff");
  const [open, setOpen] = useState<"mark" | string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const number = item.submissionNumber ?? item.id;
  const run = async (action: () => Promise<void>) => {
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  const mark = async (reason: string) => {
    const r = await markSuspectedAutomated(item.id, { suspected: true, reason });
    onChanged({ ...item, suspectedAutomated: r.suspectedAutomated, suspectedAutomatedReason: r.reason });
  };
  const unmark = () => run(async () => {
    const r = await markSuspectedAutomated(item.id, { suspected: false });
    onChanged({ ...item, suspectedAutomated: r.suspectedAutomated, suspectedAutomatedReason: r.reason });
  });
  const lift = async (redactionId: string, reason: string) => {
    await liftRedaction(item.id, redactionId, reason);
    onChanged({ ...item, redactions: item.redactions.filter((x) => x.id !== redactionId) });
  };
  const setAttachment = (next: Attachment) => onChanged({ ...item, attachments: item.attachments.map((a) => (a.id === next.id ? { ...a, ...next, withheldReason: next.withheldReason ?? null } : a)) });

  return (
    <li data-testid="review-item" aria-labelledby={`review-${item.id}`}>
      <h3 id={`review-${item.id}`}>{t("review.number", { number })}</h3>
      <p>
        {CATEGORY_LABELS[item.category]}
        {item.country ? ` · ${item.country}` : ""} · {t(`channels.${item.channel}`)} · {t(`consent.${item.consent ?? "none"}`)}
      </p>
      {failure && <Alert>{failure}</Alert>}
      {item.suspectedAutomated ? (
        <p>
          <Badge kind={t("review.status")} tone="status-closed">{t("review.suspected")}</Badge> {t("review.because", { reason: item.suspectedAutomatedReason ?? "" })}{" "}
          <button type="button" className="button button--small button--secondary" onClick={() => void unmark()}>
            {t("review.unmark", { number })}
          </button>
        </p>
      ) : open === "mark" ? (
        <ReasonForm label={t("review.mark", { number })} submit={mark} onDone={() => setOpen(null)} />
      ) : (
        <button type="button" className="button button--small button--secondary" onClick={() => setOpen("mark")}>
          {t("review.markOpen", { number })}
        </button>
      )}
      {item.redactions.length > 0 && (
        <ul className="staff-list" aria-label={t("review.redactions", { number })}>
          {item.redactions.map((x) => {
            const where = { question: x.questionKey, start: x.start, end: x.end };
            return (
              <li key={x.id} data-testid="redacted-span">
                {t("review.spanRedacted", { ...where, reason: x.reason })}{" "}
                {open === `lift:${x.id}` ? (
                  <ReasonForm label={t("review.liftOpen", where)} hint={t("review.liftHint")} submit={(reason) => lift(x.id, reason)} onDone={() => setOpen(null)} />
                ) : (
                  <button type="button" className="button button--small button--secondary" onClick={() => setOpen(`lift:${x.id}`)}>
                    {t("review.liftOpen", where)}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {item.attachments.length > 0 && (
        <ul className="staff-list" aria-label={t("review.files", { number })}>
          {item.attachments.map((a) => (
            <li key={a.id} data-testid="review-file">
              <a href={a.url}>{a.fileName}</a>{" "}
              {(a.redactedPages ?? []).length > 0 && (
                <ul aria-label={t("review.redactedPages", { name: a.fileName })}>
                  {a.redactedPages!.map((p) => {
                    const liftLabel = t("review.liftPageOpen", { page: p.page, name: a.fileName });
                    return (
                      <li key={p.page} data-testid="redacted-page">
                        {t("review.pageRedacted", { page: p.page, code: reasonLabel(p.reasonCode) ?? p.reasonCode, reason: p.reason ?? "" })}{" "}
                        {open === `liftPage:${a.id}:${p.page}` ? (
                          <ReasonForm label={liftLabel} hint={t("review.liftHint")} submit={async (reason) => setAttachment(await liftAttachmentPageRedaction(item.id, a.id, p.page, reason))} onDone={() => setOpen(null)} />
                        ) : (
                          <button type="button" className="button button--small button--secondary" onClick={() => setOpen(`liftPage:${a.id}:${p.page}`)}>
                            {liftLabel}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {a.mediaType === "application/pdf" && !a.withheld && (open === `page:${a.id}` ? (
                <PageRedactionForm responseId={item.id} attachment={a} onDone={(next) => { setAttachment(next); setOpen(null); }} />
              ) : (
                <button type="button" className="button button--small button--secondary" onClick={() => setOpen(`page:${a.id}`)}>
                  {t("review.redactPageOpen", { name: a.fileName })}
                </button>
              ))}{" "}
              {a.withheld ? (
                <>
                  <Badge kind={t("review.status")} tone="status-closed">{t("review.withheld")}</Badge> {t("review.because", { reason: a.withheldReason ?? "" })}{" "}
                  <button type="button" className="button button--small button--secondary" onClick={() => void run(async () => setAttachment(await releaseAttachment(item.id, a.id)))}>
                    {t("review.release", { name: a.fileName })}
                  </button>
                </>
              ) : open === a.id ? (
                <ReasonForm label={t("review.withhold", { name: a.fileName })} submit={async (reason) => setAttachment(await withholdAttachment(item.id, a.id, reason))} onDone={() => setOpen(null)} />
              ) : (
                <button type="button" className="button button--small button--secondary" onClick={() => setOpen(a.id)}>
                  {t("review.withholdOpen", { name: a.fileName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
