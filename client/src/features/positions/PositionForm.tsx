// Publishing or revising an organisation's position on a question, validated with zPutPositionBody
// (the schema the server uses). Revising names the version it started from; a stale one is refused (409).
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, STANCES, STANCE_LABELS, zPutPositionBody, type Stance } from "../../../../shared/schemas/positions.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import { putPosition, type EvidenceKind, type Position } from "../../api/positions.ts";
import { Alert } from "../../components/Alert.tsx";
import { fieldMessage, RadioGroup, SelectField, TextAreaField, TextField } from "../../components/fields.tsx";
import { htmlToMarkdown } from "../../lib/richText.ts";
import type { FieldBinding } from "../../lib/useSchemaForm.ts";
import { Composer } from "../composer/Composer.tsx";

interface EvidenceRow {
  key: number;
  kind: EvidenceKind;
  citation: string;
  url: string;
}

interface Values {
  organisationId: string;
  stance: Stance | "";
  summary: string;
  argument: string;
  amendmentText: string;
  declarationOfInterests: string;
  fundingSources: string;
}

let rowKey = 0;
const newRow = (e?: { kind: EvidenceKind; citation: string; url: string | null }): EvidenceRow => ({
  key: ++rowKey,
  kind: e?.kind ?? "study",
  citation: e?.citation ?? "",
  url: e?.url ?? "",
});

function valuesFrom(organisationId: string, p: Position | undefined): { values: Values; evidence: EvidenceRow[]; version: number | undefined } {
  return {
    values: {
      organisationId,
      stance: p?.stance ?? "",
      summary: p?.summary ?? "",
      argument: p ? (p.argumentSource ?? htmlToMarkdown(p.argumentHtml)) : "",
      amendmentText: p?.amendmentText ?? "",
      declarationOfInterests: p?.declarationOfInterests ?? "",
      fundingSources: p?.fundingSources ?? "",
    },
    evidence: p?.evidence.map(newRow) ?? [],
    version: p?.version,
  };
}

interface PositionFormProps {
  consultationId: string;
  questionId: string;
  organisations: { id: string; name: string }[];
  /** The current position of each organisation on this question, by organisation id. */
  existing: Map<string, Position>;
  onPublished(position: Position): void;
  /** The server said the position changed meanwhile: load the current versions again. */
  onStale(): Promise<Map<string, Position>>;
  /** The consultation holds the viewer's contributions for review: say so before they write. */
  contributionsHeld?: boolean;
}

export function PositionForm({ consultationId, questionId, organisations, existing, onPublished, onStale, contributionsHeld }: PositionFormProps) {
  const formId = useId();
  const id = (path: string) => `${formId}-${path.replace(/\./g, "-")}`;
  const firstOrg = organisations[0]?.id ?? "";
  const [state, setState] = useState(() => valuesFrom(firstOrg, existing.get(firstOrg)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const { values, evidence, version } = state;
  const loadedFor = useRef<string | null>(existing.has(firstOrg) ? firstOrg : null);

  // The organisation's current position may arrive after the form is shown: prefill once it does.
  useEffect(() => {
    const current = existing.get(values.organisationId);
    if (current && loadedFor.current !== values.organisationId) {
      loadedFor.current = values.organisationId;
      setState(valuesFrom(values.organisationId, current));
    }
  }, [existing, values.organisationId]);

  useEffect(() => {
    if (!focusPath) return;
    const el = document.getElementById(id(focusPath));
    el?.focus();
    setFocusPath(null);
  }, [focusPath]); // eslint-disable-line react-hooks/exhaustive-deps

  const setValue = <K extends keyof Values>(name: K, value: Values[K]) => setState((s) => ({ ...s, values: { ...s.values, [name]: value } }));
  const bind = (name: Exclude<keyof Values, "stance">): FieldBinding => ({
    id: id(name),
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValue(name, e.target.value),
  });
  const setRow = (key: number, change: Partial<EvidenceRow>) =>
    setState((s) => ({ ...s, evidence: s.evidence.map((r) => (r.key === key ? { ...r, ...change } : r)) }));

  const chooseOrganisation = (orgId: string) => {
    loadedFor.current = existing.has(orgId) ? orgId : null;
    setState(valuesFrom(orgId, existing.get(orgId)));
    setErrors({});
    setFormError(null);
  };

  const showErrors = (list: { path: string; message: string }[], fallback: string) => {
    const next: Record<string, string> = {};
    for (const { path, message } of list) if (path && !next[path]) next[path] = message;
    setErrors(next);
    const order = ["organisationId", "stance", "summary", "argument", "amendmentText", ...evidence.flatMap((_, i) => [`evidence.${i}.kind`, `evidence.${i}.citation`, `evidence.${i}.url`]), "declarationOfInterests", "fundingSources"];
    const first = order.find((p) => next[p]);
    setFormError(first ? "Please correct the marked fields." : fallback);
    if (first) setFocusPath(first);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const withAmendments = values.stance === "support_with_amendments";
    const parsed = zPutPositionBody.safeParse({
      organisationId: values.organisationId,
      stance: values.stance || undefined,
      summary: values.summary,
      argument: values.argument,
      amendmentText: withAmendments ? values.amendmentText.trim() || undefined : undefined,
      evidence: evidence.map((r) => ({ kind: r.kind, citation: r.citation, url: r.url.trim() || undefined })),
      declarationOfInterests: values.declarationOfInterests.trim() || undefined,
      fundingSources: values.fundingSources.trim() || undefined,
      version,
    });
    if (!parsed.success) {
      showErrors(
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.path[0] === "stance" ? "is required" : i.message })),
        parsed.error.issues[0]?.message ?? "The form is invalid.",
      );
      return;
    }
    setErrors({});
    setFormError(null);
    setSubmitting(true);
    try {
      const position = await putPosition(consultationId, questionId, parsed.data);
      loadedFor.current = position.organisation?.id ?? values.organisationId;
      setState((s) => ({ ...s, version: position.version }));
      onPublished(position);
    } catch (err) {
      if (err instanceof ApiError && err.code === "stale_version") {
        const latest = (await onStale().catch(() => existing)).get(values.organisationId);
        setState((s) => ({ ...s, version: latest?.version }));
        setFormError(
          "Someone in your organisation revised this position since you opened the form. Their version is now in the list above; your text is kept here. Save again to replace it.",
        );
      } else {
        const e = asApiError(err);
        showErrors(e.details, e.message);
        setFormError(e.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const orgName = organisations.find((o) => o.id === values.organisationId)?.name ?? "your organisation";

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`} className="form__title">
        {version ? `Revise the position of ${orgName}` : `Publish the position of ${orgName}`}
      </h2>
      {formError && <Alert>{formError}</Alert>}
      {contributionsHeld && (
        <p className="form__note" data-testid="held-note">
          Your contribution will be reviewed by a moderator before it appears.
        </p>
      )}
      {organisations.length > 1 ? (
        <SelectField
          label="Organisation"
          binding={{ ...bind("organisationId"), onChange: (e) => chooseOrganisation(e.target.value) }}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          hint="You represent these verified organisations. Each has one position per question."
        />
      ) : (
        <p className="form__note">
          Speaking for <strong>{orgName}</strong>.
        </p>
      )}
      {version !== undefined && <p className="form__note">Revising version {version}. Earlier versions stay on record.</p>}
      <RadioGroup
        legend="Stance"
        name="stance"
        idPrefix={id("stance")}
        value={values.stance}
        error={errors.stance}
        options={STANCES.map((s) => ({ value: s, label: STANCE_LABELS[s] }))}
        onChange={(v) => setValue("stance", v as Stance)}
      />
      <TextAreaField label="Summary" binding={bind("summary")} rows={3} maxLength={LIMITS.summaryMax} hint="Your position in a few sentences, shown at the top of its card." />
      <Composer label="Argument" binding={bind("argument")} rows={8} />
      {values.stance === "support_with_amendments" && (
        <TextAreaField label="Amendment text" binding={bind("amendmentText")} rows={5} hint="The changes to the proposal that your support depends on." />
      )}

      <fieldset className="field evidence-editor">
        <legend className="field__label">Evidence</legend>
        <p className="field__hint">Studies, data, legal analysis or lived experience your position rests on (up to {LIMITS.evidenceMax}).</p>
        {evidence.length === 0 && <p className="muted">No evidence added.</p>}
        <ol className="evidence-editor__rows">
          {evidence.map((row, i) => {
            const path = (f: string) => `evidence.${i}.${f}`;
            const rowBinding = (f: "citation" | "url"): FieldBinding => ({
              id: id(path(f)),
              name: path(f),
              value: row[f],
              error: errors[path(f)],
              onChange: (e) => setRow(row.key, { [f]: e.target.value }),
            });
            return (
              <li key={row.key} className="evidence-editor__row" aria-label={`Evidence item ${i + 1}`}>
                <SelectField
                  label={`Kind of evidence ${i + 1}`}
                  binding={{ ...rowBinding("citation"), id: id(path("kind")), name: path("kind"), value: row.kind, error: errors[path("kind")], onChange: (e) => setRow(row.key, { kind: e.target.value as EvidenceKind }) }}
                  options={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k] }))}
                />
                <TextField label={`Citation ${i + 1}`} binding={rowBinding("citation")} hint="Author, title, year; or a description." />
                <TextField label={`Link ${i + 1}`} optional type="url" inputMode="url" binding={rowBinding("url")} spellCheck={false} />
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => {
                    setState((s) => ({ ...s, evidence: s.evidence.filter((r) => r.key !== row.key) }));
                    setErrors({});
                    requestAnimationFrame(() => document.getElementById(`${formId}-add-evidence`)?.focus());
                  }}
                >
                  Remove evidence item {i + 1}
                </button>
              </li>
            );
          })}
        </ol>
        {evidence.length < LIMITS.evidenceMax && (
          <button
            type="button"
            id={`${formId}-add-evidence`}
            className="button button--small button--secondary"
            onClick={() => {
              setState((s) => ({ ...s, evidence: [...s.evidence, newRow()] }));
              setFocusPath(`evidence.${evidence.length}.kind`);
            }}
          >
            Add evidence
          </button>
        )}
        {errors.evidence && <p className="field__error">{fieldMessage("Evidence", errors.evidence)}</p>}
      </fieldset>

      <TextAreaField
        label="Declaration of interests"
        optional
        binding={bind("declarationOfInterests")}
        rows={3}
        hint="Interests that a reader should know about when weighing this position. Shown with it."
      />
      <TextAreaField label="Funding sources" optional binding={bind("fundingSources")} rows={3} hint="Who funds your organisation, or this work. Shown with the position." />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Publishing…" : version ? "Publish the revision" : "Publish the position"}
        </button>
      </div>
    </form>
  );
}
