// The import of responses received by email or on paper: one CSV or XLSX file in the documented layout
// (README, "Formal responses from other channels"). All rows or none: when any row is bad the server
// names every problem by row and column, and this panel lists them as a table, so they can be fixed in
// the sheet; nothing was written. On success, how many were taken in, by channel.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorDetail } from "../../../../../shared/errors.ts";
import { ApiError } from "../../../api/client.ts";
import { importResponses, type ImportResult } from "../../../api/response-staff.ts";
import { Alert } from "../../../components/Alert.tsx";

/** "rows.3.q1" -> row 3, column q1; anything else (the header, the file) has no row. */
function locate(path: string): { row: string; column: string } {
  const m = /^rows\.(\d+)\.?(.*)$/.exec(path);
  return m ? { row: m[1]!, column: m[2] ?? "" } : { row: "", column: path };
}

export function ImportPanel({ consultation }: { consultation: string }) {
  const { t } = useTranslation("response-staff");
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ message: string; details: ErrorDetail[] } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setFailure(null);
    if (!file) return setFailure({ message: t("import.chooseFirst"), details: [] });
    setBusy(true);
    try {
      setResult(await importResponses(consultation, file));
    } catch (err) {
      setFailure(err instanceof ApiError ? { message: err.message, details: err.details } : { message: String(err), details: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("import.title")}</h2>
      <p>{t("import.lead")}</p>
      <form onSubmit={(e) => void submit(e)} aria-label={t("import.title")}>
        <div className="field">
          <label htmlFor={`${id}-file`} className="field__label">{t("import.file")}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t("import.fileHint")} {t("import.zipHint")}
          </p>
          <input
            id={`${id}-file`}
            type="file"
            className="field__control"
            aria-describedby={`${id}-hint`}
            accept=".csv,.xlsx,.zip,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t("import.importing") : t("import.submit")}
        </button>
      </form>
      {result && (
        <div className="notice notice--success" role="status" data-testid="import-result">
          <p>{t("import.done", { count: result.imported })} {t("import.files", { count: result.files })}</p>
          <ul>
            {Object.entries(result.byChannel).map(([channel, n]) => (
              <li key={channel}>{t("import.byChannel", { channel: t(`channels.${channel}`), count: n })}</li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <div data-testid="import-errors">
          <Alert title={t("import.refused")}>
            <p>{t("import.nothingWritten")}</p>
          </Alert>
          {failure.details.length > 0 ? (
            <div className="table-scroll">
              <table className="counts">
                <caption>{t("import.problems", { count: failure.details.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("import.row")}</th>
                    <th scope="col">{t("import.column")}</th>
                    <th scope="col">{t("import.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {failure.details.map((d, i) => {
                    const where = locate(d.path);
                    return (
                      <tr key={i}>
                        <td>{where.row}</td>
                        <td>{where.column}</td>
                        <td>{d.message}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{failure.message}</p>
          )}
        </div>
      )}
    </section>
  );
}
