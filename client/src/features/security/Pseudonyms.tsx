// Verified pseudonymous participation (server/privacy/pseudonyms.ts): on the account page, a person asks
// to take part under a pseudonym, giving their real name for the staff who verify it; staff who may
// verify someone see the waiting requests here and verify or refuse them.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { asApiError, request } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { useSession } from "../session/SessionContext.tsx";

interface PseudonymRequest {
  id: string;
  pseudonym: string;
  status: "pending" | "verified" | "refused";
  createdAt: string;
  legalName?: string;
  note?: string | null;
  user?: { id: string; displayName: string; category: string };
}

export function PseudonymRequestForm() {
  const { t } = useTranslation("privacy");
  const session = useSession();
  const id = useId();
  const [mine, setMine] = useState<PseudonymRequest[]>([]);
  const [pseudonym, setPseudonym] = useState("");
  const [legalName, setLegalName] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");

  const load = useCallback(async () => {
    setMine((await request<{ items: PseudonymRequest[] }>("GET", "/me/pseudonym-requests")).items);
  }, []);
  useEffect(() => {
    void load().catch(() => {});
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await request("POST", "/me/pseudonym-requests", { body: { pseudonym, legalName, ...(note.trim() ? { note } : {}) } });
      setDone(t("pseudonym.sent"));
      setPseudonym("");
      setLegalName("");
      setNote("");
      await load();
      await session.refresh();
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="pseudonym-request">
      <h3 id={`${id}-title`}>{t("pseudonym.title")}</h3>
      <p>{t("pseudonym.lead")}</p>
      {error && <Alert>{error}</Alert>}
      <p role="status">{done}</p>
      {mine.length > 0 && (
        <ul className="plain-list">
          {mine.map((r) => (
            <li key={r.id}>{t(`pseudonym.status.${r.status}`, { pseudonym: r.pseudonym })}</li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-pseudonym`}>
          {t("pseudonym.pseudonym")}
        </label>
        <input id={`${id}-pseudonym`} className="field__control" value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-legal`}>
          {t("pseudonym.legalName")}
        </label>
        <input id={`${id}-legal`} className="field__control" autoComplete="name" value={legalName} onChange={(e) => setLegalName(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {t("pseudonym.note")}
        </label>
        <textarea id={`${id}-note`} className="field__control" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {t("pseudonym.submit")}
        </button>
      </div>
    </form>
  );
}

/** For staff: the pseudonym requests they may verify; nothing is shown when there are none. */
export function PseudonymRequestsPanel() {
  const { t } = useTranslation("privacy");
  const [items, setItems] = useState<PseudonymRequest[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setItems((await request<{ items: PseudonymRequest[] }>("GET", "/pseudonym-requests")).items);
  }, []);
  useEffect(() => {
    void load().catch(() => {});
  }, [load]);

  const decide = async (id: string, verify: boolean) => {
    setError(null);
    try {
      await request("POST", `/pseudonym-requests/${encodeURIComponent(id)}/decision`, { body: { verify } });
      await load();
    } catch (err) {
      setError(asApiError(err).message);
    }
  };

  if (items.length === 0) return null;
  return (
    <section className="section" data-testid="pseudonym-requests">
      <h2>{t("verify.title")}</h2>
      <p>{t("verify.lead")}</p>
      {error && <Alert>{error}</Alert>}
      <ul className="plain-list">
        {items.map((r) => (
          <li key={r.id} className="console-card">
            <p>{t("verify.item", { pseudonym: r.pseudonym, legalName: r.legalName ?? "", account: r.user?.displayName ?? "" })}</p>
            {r.note && <p className="muted">{r.note}</p>}
            <button type="button" className="button" onClick={() => void decide(r.id, true)}>
              {t("verify.verify")}
            </button>{" "}
            <button type="button" className="button" onClick={() => void decide(r.id, false)}>
              {t("verify.refuse")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
