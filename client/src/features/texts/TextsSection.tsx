// The consultation page's "Draft texts": each document with its current version, a link to read it,
// and for organisers the form to add one.
import { useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { ConsultationDetail } from "../../api/consultations.ts";
import { Alert } from "../../components/Alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { listTexts } from "./api.ts";
import { ImportForm } from "./ImportForm.tsx";
import { textPath } from "./paths.ts";
import "./texts.css";

export function TextsSection({ consultation: c, viewerKey }: { consultation: ConsultationDetail; viewerKey: string | null }) {
  const { t } = useTranslation("texts");
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const state = resourceOf(useQuery({ queryKey: keys.texts(c.id, viewerKey), queryFn: ({ signal }) => listTexts(c.id, signal), enabled: viewerKey !== null }));
  if (state.phase === "loading") return null;
  if (state.phase === "error") return <Alert title={t("section.notLoaded")}>{state.error.message}</Alert>;
  const { items, abilities } = state.data;
  if (items.length === 0 && !abilities.manage) return null;
  return (
    <section aria-labelledby="texts-title" className="section" id="texts" data-testid="texts-section">
      <div className="section__head">
        <h2 id="texts-title">{t("section.title")}</h2>
        {abilities.manage && !adding && (
          <button type="button" ref={addButton} className="button button--secondary" onClick={() => setAdding(true)}>
            {t("manage.add")}
          </button>
        )}
      </div>
      {adding && (
        <ImportForm
          consultationId={c.id}
          onCancel={() => {
            setAdding(false);
            requestAnimationFrame(() => addButton.current?.focus());
          }}
          onSaved={(id) => navigate(textPath(c.slug, id))}
        />
      )}
      {items.length === 0 ? (
        <p className="muted">{t("section.none")}</p>
      ) : (
        <ul className="card-list">
          {items.map((d) => {
            const v = d.versions.at(-1);
            return (
              <li key={d.id} className="card text-card">
                <h3 className="text-card__title">
                  <Link to={textPath(c.slug, d.id)}>{d.title}</Link>
                </h3>
                {v && (
                  <p className="muted">
                    {t("section.version", { number: v.number, date: formatDateTime(v.publishedAt) })}
                    {v.note && ` · ${v.note}`}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
