// One question of a questionnaire as a form control, whatever its type. Answers are kept as the API
// takes them (option keys, numbers, row -> column), so what the form holds is what is sent.
import { useTranslation } from "react-i18next";
import type { TAnswerValue, TQuestion } from "../../../../shared/schemas/responses.ts";
import type { Attachment } from "../../api/responses.ts";
import { formatNumber } from "../../lib/format.ts";

/** What a file-upload question needs beyond its value: the files of the response, and how to add or remove one. */
export interface FileControls {
  attachments: Attachment[];
  disabled: boolean;
  onAdd(file: File): void;
  onRemove(id: string): void;
}

interface Props {
  question: TQuestion;
  value: TAnswerValue | undefined;
  error?: string;
  onChange(value: TAnswerValue | undefined): void;
  files?: FileControls;
}

export function QuestionField({ question: q, value, error, onChange, files }: Props) {
  const { t } = useTranslation("responses");
  const id = `q-${q.key}`;
  const errorId = error ? `${id}-error` : undefined;
  const legend = (
    <legend className="field__label">
      {q.label} {q.required ? <span className="field__required">({t("form.required")})</span> : <span className="field__optional">({t("form.optional")})</span>}
    </legend>
  );
  const help = q.help ? <p className="field__hint">{q.help}</p> : null;
  const err = error ? (
    <p id={errorId} className="field__error" role="alert">
      {error}
    </p>
  ) : null;
  const list = Array.isArray(value) ? value : [];
  let control;
  switch (q.type) {
    case "single_choice":
      control = q.options.map((o) => (
        <label key={o.key} className="choice">
          <input type="radio" name={id} value={o.key} checked={value === o.key} onChange={() => onChange(o.key)} aria-describedby={errorId} /> {o.label}
        </label>
      ));
      break;
    case "multiple_choice":
      control = q.options.map((o) => (
        <label key={o.key} className="choice">
          <input
            type="checkbox"
            checked={list.includes(o.key)}
            onChange={(e) => onChange(e.target.checked ? [...list, o.key] : list.filter((k) => k !== o.key))}
            aria-describedby={errorId}
          />{" "}
          {o.label}
        </label>
      ));
      break;
    case "ranking":
      control = (
        <ol>
          {q.options.map((o) => {
            const rank = list.indexOf(o.key);
            return (
              <li key={o.key}>
                <label className="choice">
                  <input type="checkbox" checked={rank >= 0} onChange={(e) => onChange(e.target.checked ? [...list, o.key] : list.filter((k) => k !== o.key))} /> {o.label}
                  {rank >= 0 ? ` (${t("form.rank", { rank: rank + 1 })})` : ""}
                </label>
              </li>
            );
          })}
        </ol>
      );
      break;
    case "matrix": {
      const cells = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {};
      control = (
        <table className="matrix">
          <thead>
            <tr>
              <td />
              {q.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {q.columns.map((c) => (
                  <td key={c.key}>
                    <input type="radio" name={`${id}-${r.key}`} aria-label={`${r.label}: ${c.label}`} checked={cells[r.key] === c.key} onChange={() => onChange({ ...cells, [r.key]: c.key })} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
      break;
    }
    case "scale":
      control = (
        <div className="scale">
          {q.minLabel && <span>{q.minLabel}</span>}
          {Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((n) => (
            <label key={n} className="choice">
              <input type="radio" name={id} checked={value === n} onChange={() => onChange(n)} /> {n}
            </label>
          ))}
          {q.maxLabel && <span>{q.maxLabel}</span>}
        </div>
      );
      break;
    case "number":
      control = (
        <input id={id} className="field__control" type="number" aria-label={q.label} value={typeof value === "number" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} aria-describedby={errorId} />
      );
      break;
    case "short_text":
      control = <input id={id} className="field__control" aria-label={q.label} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} aria-describedby={errorId} />;
      break;
    case "long_text":
      control = <textarea id={id} className="field__control" rows={6} aria-label={q.label} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)} aria-describedby={errorId} />;
      break;
    case "file_upload": {
      const listed = list.map((fileId) => files?.attachments.find((a) => a.id === fileId)).filter((a): a is Attachment => a !== undefined);
      control = (
        <>
          <p className="field__hint">{t("files.hint", { count: q.maxFiles })}</p>
          {listed.length > 0 && (
            <ul className="attachments" aria-label={t("files.listed")}>
              {listed.map((a) => (
                <li key={a.id} data-testid="attachment">
                  <a href={a.url}>{a.fileName}</a> ({t("files.size", { kib: formatNumber(Math.max(1, Math.round(a.size / 1024))) })})
                  {a.withheld && <span className="field__hint"> {t("files.withheld", { reason: a.withheldReason ?? "" })}</span>}{" "}
                  {a.redactedPages?.map((p) => (
                    <span key={p.page} className="field__hint" data-testid="redacted-page">
                      {" "}
                      {t("response-staff:author.pageRedacted", { page: p.page, reason: p.reason ?? "" })}
                    </span>
                  ))}
                  {files && !files.disabled && (
                    <button type="button" className="button button--small" onClick={() => files.onRemove(a.id)}>
                      {t("files.remove", { name: a.fileName })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {files && !files.disabled && listed.length < q.maxFiles && (
            <input
              id={id}
              type="file"
              className="field__control"
              aria-label={t("files.choose", { question: q.label })}
              aria-describedby={errorId}
              accept=".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) files.onAdd(file);
              }}
            />
          )}
        </>
      );
      break;
    }
  }
  return (
    <fieldset className="field question" data-question={q.key}>
      {legend}
      {help}
      {control}
      {err}
    </fieldset>
  );
}
