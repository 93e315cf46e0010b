// The versions of a text: which one is shown (switch to another), and a word-level comparison of any
// two, unit by unit (matched by eId: changed, moved, added, removed), with the downloads.
import { useState } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { aknPath, getTextDiff, trackedDocxPath, type ReadingView, type TextDiff } from "./api.ts";
import { textPath } from "./paths.ts";
import { Del, DiffText, Ins } from "./Tracked.tsx";

function DiffView({ diff }: { diff: TextDiff }) {
  const { t } = useTranslation("texts");
  const shown = diff.units.filter((u) => u.change !== "unchanged");
  return (
    <div className="text-diff" data-testid="text-diff">
      <p>
        {t("diff.summary", { from: diff.fromVersion, to: diff.toVersion, changed: diff.counts.changed + diff.counts.moved_and_changed, added: diff.counts.added, removed: diff.counts.removed, moved: diff.counts.moved })}
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t("diff.none")}</p>
      ) : (
        <ul className="text-diff__units">
          {shown.map((u) => {
            const side = u.to ?? u.from!;
            return (
              <li key={u.eId} className={`text-diff__unit text-diff__unit--${u.change}`}>
                <p className="text-diff__head">
                  <strong>{[side.num, side.heading].filter(Boolean).join(" ") || u.eId}</strong> <span className="muted">({t(`diff.change.${u.change}`)})</span>
                </p>
                {u.change === "added" && side.text && (
                  <p>
                    <Ins>{side.text}</Ins>
                  </p>
                )}
                {u.change === "removed" && side.text && (
                  <p>
                    <Del>{side.text}</Del>
                  </p>
                )}
                {u.headingDiff.length > 0 && (
                  <p>
                    <DiffText parts={u.headingDiff} />
                  </p>
                )}
                {u.diff.length > 0 && (
                  <p>
                    <DiffText parts={u.diff} />
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function VersionBar({ view, slug }: { view: ReadingView; slug: string }) {
  const { t } = useTranslation("texts");
  const navigate = useNavigate();
  const [from, setFrom] = useState(Math.max(1, view.version - 1));
  const [to, setTo] = useState(view.version);
  const [diff, setDiff] = useState<TextDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = view.versions.find((v) => v.number === view.version);
  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      setDiff(await getTextDiff(view.id, from, to));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const options = view.versions.map((v) => (
    <option key={v.number} value={v.number}>
      {t("versions.option", { number: v.number, date: formatDateTime(v.publishedAt) })}
    </option>
  ));
  return (
    <section className="section version-bar" aria-labelledby="versions-title">
      <h2 id="versions-title">{t("versions.title")}</h2>
      <p>
        {view.version === view.currentVersion ? t("versions.current", { number: view.version }) : t("versions.older", { number: view.version, current: view.currentVersion })}
        {shown?.note && <span className="muted"> · {shown.note}</span>}
      </p>
      <div className="version-bar__controls">
        <div className="filters__field">
          <label htmlFor="version-shown" className="field__label">
            {t("versions.show")}
          </label>
          <select id="version-shown" className="field__control" value={view.version} onChange={(e) => navigate(textPath(slug, view.id, { version: Number(e.target.value) === view.currentVersion ? undefined : Number(e.target.value) }))}>
            {options}
          </select>
        </div>
        {view.versions.length > 1 && (
          <fieldset className="version-bar__compare">
            <legend className="field__label">{t("versions.compare")}</legend>
            <label htmlFor="diff-from" className="field__label">
              {t("versions.from")}
            </label>
            <select id="diff-from" className="field__control" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {options}
            </select>
            <label htmlFor="diff-to" className="field__label">
              {t("versions.to")}
            </label>
            <select id="diff-to" className="field__control" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {options}
            </select>
            <button type="button" className="button button--secondary" onClick={() => void compare()} aria-disabled={busy || undefined}>
              {t("versions.compareButton")}
            </button>
          </fieldset>
        )}
      </div>
      <p className="version-bar__downloads">
        <a href={aknPath(view.id)} download>
          {t("versions.downloadAkn")}
        </a>
        {" · "}
        <a href={trackedDocxPath(view.id, "accepted")} download>
          {t("versions.downloadDocxAccepted")}
        </a>
        {" · "}
        <a href={trackedDocxPath(view.id, "proposed")} download>
          {t("versions.downloadDocxProposed")}
        </a>
      </p>
      {error && <Alert>{error}</Alert>}
      {diff && <DiffView diff={diff} />}
    </section>
  );
}
