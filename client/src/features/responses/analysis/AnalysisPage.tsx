// The results: the method in words, each code's answers by stakeholder category with its agreement
// (Cohen's kappa), and the closed answers by category, as tables with proportional bars, plus the CSVs.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CATEGORY_LABELS, STAKEHOLDER_CATEGORIES } from "../../../../../shared/categories.ts";
import { ApiError } from "../../../api/client.ts";
import { analysisCsvUrl, getAnalysis, type Analysis } from "../../../api/analysis.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Page } from "../../../components/Page.tsx";
import { formatNumber } from "../../../lib/format.ts";

/** A count with a bar as long as its share of the row's largest: readable without colour or a chart library. */
function Bar({ value, max }: { value: number; max: number }) {
  const width = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <span className="bar-cell">
      <span className="bar" style={{ display: "inline-block", width: `${width}%`, maxWidth: "6rem", height: "0.6rem", background: "currentColor", opacity: 0.35 }} aria-hidden="true" /> {formatNumber(value)}
    </span>
  );
}

function CategoryTable({ caption, rows }: { caption: string; rows: { label: string; byCategory: Record<string, number>; extra?: string }[] }) {
  const { t } = useTranslation("analysis");
  const used = STAKEHOLDER_CATEGORIES.filter((c) => rows.some((r) => (r.byCategory[c] ?? 0) > 0));
  const max = Math.max(0, ...rows.flatMap((r) => Object.values(r.byCategory)));
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("results.item")}</th>
          {used.map((c) => <th key={c} scope="col">{CATEGORY_LABELS[c]}</th>)}
          <th scope="col">{t("results.total")}</th>
          {rows.some((r) => r.extra !== undefined) && <th scope="col">{t("results.agreement")}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {used.map((c) => <td key={c}><Bar value={r.byCategory[c] ?? 0} max={max} /></td>)}
            <td>{formatNumber(Object.values(r.byCategory).reduce((a, b) => a + b, 0))}</td>
            {r.extra !== undefined && <td>{r.extra}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnalysisPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("analysis");
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    getAnalysis(slug, ac.signal).then(setAnalysis, (e: unknown) => !ac.signal.aborted && setFailure(e instanceof ApiError ? e.message : String(e)));
    return () => ac.abort();
  }, [slug]);
  const kappaText = (k: Analysis["codes"][number]["agreement"]) =>
    k.kappa === null ? t("results.kappaUndefined", { units: k.units }) : t("results.kappa", { kappa: formatNumber(k.kappa, { maximumFractionDigits: 2 }), units: k.units, band: t(`results.band.${k.band.replace(" ", "_") as "fair"}`) });

  return (
    <Page title={t("results.title")}>
      <p>
        <Link to={`/consultations/${slug}/codebook`}>{t("nav.codebook")}</Link> · <Link to={`/consultations/${slug}/coding`}>{t("nav.coding")}</Link> ·{" "}
        <a href={analysisCsvUrl(slug, "codes")}>{t("results.csvCodes")}</a> · <a href={analysisCsvUrl(slug, "closed")}>{t("results.csvClosed")}</a> ·{" "}
        <a href={analysisCsvUrl(slug, "codings")}>{t("results.csvCodings")}</a>
      </p>
      {failure && <Alert>{failure}</Alert>}
      {analysis && (
        <>
          <h2>{t("results.method")}</h2>
          {/* The method is the server's sentence, in the report's language (English), as it appears in the summary report. */}
          <p lang="en" data-testid="analysis-method">{analysis.method}</p>
          <CategoryTable caption={t("results.codes")} rows={analysis.codes.map((c) => ({ label: c.path, byCategory: c.byCategory, extra: kappaText(c.agreement) }))} />
          {analysis.closed.map((q) => (
            <CategoryTable key={q.questionKey} caption={q.label} rows={q.options.map((o) => ({ label: o.label, byCategory: q.counts[o.key] ?? {} }))} />
          ))}
        </>
      )}
    </Page>
  );
}
