// Publishing or revising an organisation's position on a question, validated with zPutPositionBody
// (the schema the server uses) through react-hook-form's zod resolver: the form only turns its text into
// the schema's input. Revising names the version it started from; a stale one is refused (409).
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useForm, type FieldErrors, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Trans, useTranslation } from "react-i18next";
import { EVIDENCE_KINDS, STANCES, zPutPositionBody, type Stance } from "../../../../shared/schemas/positions.ts";
import { LIMITS } from "../../../../shared/limits.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import { putPosition, type EvidenceKind, type Position } from "../../api/positions.ts";
import { Alert } from "../../components/Alert.tsx";
import { fieldMessage, RadioGroup, SelectField, TextAreaField, TextField } from "../../components/fields.tsx";
import { htmlToMarkdown } from "../../lib/richText.ts";
import type { FieldBinding } from "../../lib/useApiForm.ts";
import { CitedUnitsField, type CitedUnitValue } from "../texts/CitedUnitsField.tsx";
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

type FormValues = Values & { evidence: EvidenceRow[]; cited: CitedUnitValue[] };

/** The schema's input from the form's text (a version comes from the position being revised). */
function toInput(v: FormValues, version: number | undefined) {
  const withAmendments = v.stance === "support_with_amendments";
  return {
    organisationId: v.organisationId,
    stance: v.stance || undefined,
    summary: v.summary,
    argument: v.argument,
    amendmentText: withAmendments ? v.amendmentText.trim() || undefined : undefined,
    evidence: v.evidence.map((r) => ({ kind: r.kind, citation: r.citation, url: r.url.trim() || undefined })),
    citedUnits: v.cited.map((c) => ({ textId: c.textId, eId: c.eId })),
    declarationOfInterests: v.declarationOfInterests.trim() || undefined,
    fundingSources: v.fundingSources.trim() || undefined,
    version,
  };
}

/** react-hook-form's nested errors as one message per dotted path ("evidence.0.url"), as the fields show them. */
function flattenErrors(node: unknown, path = "", out: Record<string, string> = {}): Record<string, string> {
  if (!node || typeof node !== "object") return out;
  const { message, type } = node as { message?: unknown; type?: unknown };
  if (typeof message === "string" && message && path && !out[path]) {
    // No stance chosen: the enum's own message says which values exist; the form says it is required.
    out[path] = path === "stance" && type !== "server" ? "is required" : message;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === "ref" || key === "message" || key === "type" || key === "types") continue;
    flattenErrors(child, key === "root" ? path : path ? `${path}.${key}` : key, out);
  }
  return out;
}

let rowKey = 0;
const newRow = (e?: { kind: EvidenceKind; citation: string; url: string | null }): EvidenceRow => ({
  key: ++rowKey,
  kind: e?.kind ?? "study",
  citation: e?.citation ?? "",
  url: e?.url ?? "",
});

function valuesFrom(organisationId: string, p: Position | undefined): { values: Values; evidence: EvidenceRow[]; cited: CitedUnitValue[]; version: number | undefined } {
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
    cited: p?.citedUnits ?? [],
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
  const { t } = useTranslation("positions");
  const formId = useId();
  const id = (path: string) => `${formId}-${path.replace(/\./g, "-")}`;
  const firstOrg = organisations[0]?.id ?? "";
  const [initial] = useState(() => valuesFrom(firstOrg, existing.get(firstOrg)));
  const [version, setVersion] = useState(initial.version);
  const versionRef = useRef(version);
  versionRef.current = version;
  const [resolver] = useState<Resolver<FormValues>>(() => {
    const parse = zodResolver(zPutPositionBody);
    return ((v: FormValues, context: unknown, options: never) => parse(toInput(v, versionRef.current) as never, context as never, options)) as unknown as Resolver<FormValues>;
  });
  const form = useForm<FormValues>({
    defaultValues: { ...initial.values, evidence: initial.evidence, cited: initial.cited },
    resolver,
    // A message stays until the next submit says again what is still wrong; editing its field clears it.
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  const { watch, reset, clearErrors, setError, handleSubmit, formState } = form;
  const { evidence, cited, ...values } = watch();
  const errors = flattenErrors(formState.errors);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const loadedFor = useRef<string | null>(existing.has(firstOrg) ? firstOrg : null);
  const applyPosition = (next: ReturnType<typeof valuesFrom>) => {
    reset({ ...next.values, evidence: next.evidence, cited: next.cited });
    setVersion(next.version);
  };

  // The organisation's current position may arrive after the form is shown: prefill once it does.
  useEffect(() => {
    const current = existing.get(values.organisationId);
    if (current && loadedFor.current !== values.organisationId) {
      loadedFor.current = values.organisationId;
      const next = valuesFrom(values.organisationId, current);
      reset({ ...next.values, evidence: next.evidence, cited: next.cited });
      setVersion(next.version);
    }
  }, [existing, values.organisationId, reset]);

  useEffect(() => {
    if (!focusPath) return;
    const el = document.getElementById(id(focusPath));
    el?.focus();
    setFocusPath(null);
  }, [focusPath]); // eslint-disable-line react-hooks/exhaustive-deps

  const setValue = <K extends keyof Values>(name: K, value: Values[K]) => {
    form.setValue(name, value as never, { shouldDirty: true });
    // The field is being fixed: its old message goes.
    if (errors[name]) clearErrors(name);
  };
  const bind = (name: Exclude<keyof Values, "stance">): FieldBinding => ({
    id: id(name),
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValue(name, e.target.value),
  });
  const setRow = (key: number, change: Partial<EvidenceRow>) => {
    const index = evidence.findIndex((r) => r.key === key);
    form.setValue("evidence", evidence.map((r) => (r.key === key ? { ...r, ...change } : r)), { shouldDirty: true });
    for (const f of Object.keys(change)) if (errors[`evidence.${index}.${f}`]) clearErrors(`evidence.${index}.${f}` as never);
  };

  const chooseOrganisation = (orgId: string) => {
    loadedFor.current = existing.has(orgId) ? orgId : null;
    applyPosition(valuesFrom(orgId, existing.get(orgId)));
    clearErrors();
    setFormError(null);
  };

  const focusOrder = () => [
    "organisationId",
    "stance",
    "summary",
    "argument",
    "amendmentText",
    ...evidence.flatMap((_, i) => [`evidence.${i}.kind`, `evidence.${i}.citation`, `evidence.${i}.url`]),
    "declarationOfInterests",
    "fundingSources",
  ];

  /** Marks the fields in error; the form's message says to correct them, or is `fallback` when none is a field. */
  const showErrors = (flat: Record<string, string>, fallback: string) => {
    const first = focusOrder().find((p) => flat[p]);
    setFormError(first ? t("form.correctFields") : fallback);
    if (first) setFocusPath(first);
  };

  const onInvalid = (found: FieldErrors<FormValues>) => {
    const flat = flattenErrors(found);
    showErrors(flat, Object.values(flat)[0] ?? t("common:errors.formInvalid"));
  };

  const onValid = async (data: FormValues) => {
    const body = data as unknown as ReturnType<typeof zPutPositionBody.parse>;
    setFormError(null);
    setSubmitting(true);
    try {
      const position = await putPosition(consultationId, questionId, body);
      loadedFor.current = position.organisation?.id ?? values.organisationId;
      setVersion(position.version);
      onPublished(position);
    } catch (err) {
      if (err instanceof ApiError && err.code === "stale_version") {
        const latest = (await onStale().catch(() => existing)).get(values.organisationId);
        setVersion(latest?.version);
        setFormError(t("form.stale"));
      } else {
        const e = asApiError(err);
        const flat: Record<string, string> = {};
        for (const { path, message } of e.details) {
          if (!path || flat[path]) continue;
          flat[path] = message;
          setError(path as never, { type: "server", message });
        }
        showErrors(flat, e.message);
        setFormError(e.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    void handleSubmit(onValid, onInvalid)(event).finally(() => {
      inFlight.current = false;
    });
  };

  const orgName = organisations.find((o) => o.id === values.organisationId)?.name ?? t("form.yourOrganisation");

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`} className="form__title">
        {version ? t("form.reviseTitle", { name: orgName }) : t("form.publishTitle", { name: orgName })}
      </h2>
      {formError && <Alert>{formError}</Alert>}
      {contributionsHeld && (
        <p className="form__note" data-testid="held-note">
          {t("threads:heldNote")}
        </p>
      )}
      {organisations.length > 1 ? (
        <SelectField
          label={t("form.organisation")}
          binding={{ ...bind("organisationId"), onChange: (e) => chooseOrganisation(e.target.value) }}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          hint={t("form.organisationHint")}
        />
      ) : (
        <p className="form__note">
          <Trans t={t} i18nKey="form.speakingFor" values={{ name: orgName }} components={{ strong: <strong /> }} />
        </p>
      )}
      {version !== undefined && <p className="form__note">{t("form.revising", { version })}</p>}
      <RadioGroup
        legend={t("form.stance")}
        name="stance"
        idPrefix={id("stance")}
        value={values.stance}
        error={errors.stance}
        options={STANCES.map((s) => ({ value: s, label: t(`vocabulary:stance.${s}`) }))}
        onChange={(v) => setValue("stance", v as Stance)}
      />
      <TextAreaField label={t("form.summary")} binding={bind("summary")} rows={3} maxLength={LIMITS.summaryMax} hint={t("form.summaryHint")} />
      <Composer label={t("form.argument")} binding={bind("argument")} rows={8} />
      {values.stance === "support_with_amendments" && (
        <TextAreaField label={t("form.amendmentText")} binding={bind("amendmentText")} rows={5} hint={t("form.amendmentHint")} />
      )}

      <fieldset className="field evidence-editor">
        <legend className="field__label">{t("form.evidence")}</legend>
        <p className="field__hint">{t("form.evidenceHint", { max: LIMITS.evidenceMax })}</p>
        {evidence.length === 0 && <p className="muted">{t("form.noEvidence")}</p>}
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
              <li key={row.key} className="evidence-editor__row" aria-label={t("form.evidenceItem", { n: i + 1 })}>
                <SelectField
                  label={t("form.evidenceKind", { n: i + 1 })}
                  binding={{ ...rowBinding("citation"), id: id(path("kind")), name: path("kind"), value: row.kind, error: errors[path("kind")], onChange: (e) => setRow(row.key, { kind: e.target.value as EvidenceKind }) }}
                  options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`vocabulary:evidenceKind.${k}`) }))}
                />
                <TextField label={t("form.citation", { n: i + 1 })} binding={rowBinding("citation")} hint={t("form.citationHint")} />
                <TextField label={t("form.link", { n: i + 1 })} optional type="url" inputMode="url" binding={rowBinding("url")} spellCheck={false} />
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => {
                    form.setValue("evidence", evidence.filter((r) => r.key !== row.key), { shouldDirty: true });
                    clearErrors();
                    requestAnimationFrame(() => document.getElementById(`${formId}-add-evidence`)?.focus());
                  }}
                >
                  {t("form.removeEvidence", { n: i + 1 })}
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
              form.setValue("evidence", [...evidence, newRow()], { shouldDirty: true });
              setFocusPath(`evidence.${evidence.length}.kind`);
            }}
          >
            {t("form.addEvidence")}
          </button>
        )}
        {errors.evidence && <p className="field__error">{fieldMessage(t("form.evidence"), errors.evidence)}</p>}
      </fieldset>

      <CitedUnitsField
        consultationId={consultationId}
        value={cited}
        onChange={(next) => form.setValue("cited", next, { shouldDirty: true })}
        error={Object.entries(errors).find(([k]) => k.startsWith("citedUnits"))?.[1]}
      />

      <TextAreaField
        label={t("card.interests")}
        optional
        binding={bind("declarationOfInterests")}
        rows={3}
        hint={t("form.interestsHint")}
      />
      <TextAreaField label={t("card.funding")} optional binding={bind("fundingSources")} rows={3} hint={t("form.fundingHint")} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t("form.publishing") : version ? t("form.publishRevision") : t("form.publish")}
        </button>
      </div>
    </form>
  );
}
