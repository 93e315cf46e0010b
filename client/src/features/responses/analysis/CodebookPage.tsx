// The codebook of a consultation: its organisers add codes (under a broader one if they like), edit their
// definitions and delete unused ones; analysts read it while coding. The server says who may edit.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client.ts";
import { createCode, deleteCode, getCodebook, updateCode, type Code } from "../../../api/analysis.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Page } from "../../../components/Page.tsx";

const flatten = (codes: Code[]): Code[] => codes.flatMap((c) => [c, ...flatten(c.children)]);

function CodeItem({ code, edit, onChanged, onError }: { code: Code; edit: boolean; onChanged(): void; onError(message: string): void }) {
  const { t } = useTranslation("analysis");
  const [editing, setEditing] = useState(false);
  const [definition, setDefinition] = useState(code.definition);
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setEditing(false);
      onChanged();
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <li data-testid="code">
      <strong>{code.label}</strong>: {editing ? null : code.definition}
      {editing && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => updateCode(code.id, { definition })); }}>
          <label htmlFor={`def-${code.id}`} className="field__label">{t("codebook.definition")}</label>
          <textarea id={`def-${code.id}`} className="field__control" value={definition} onChange={(e) => setDefinition(e.target.value)} />
          <button type="submit" className="button button--small">{t("codebook.save")}</button>
        </form>
      )}
      {edit && !editing && (
        <>
          {" "}
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>{t("codebook.edit", { label: code.label })}</button>{" "}
          <button type="button" className="button button--small" onClick={() => void run(() => deleteCode(code.id))}>{t("codebook.delete", { label: code.label })}</button>
        </>
      )}
      {code.children.length > 0 && (
        <ul>
          {code.children.map((c) => <CodeItem key={c.id} code={c} edit={edit} onChanged={onChanged} onError={onError} />)}
        </ul>
      )}
    </li>
  );
}

export function CodebookPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("analysis");
  const [book, setBook] = useState<{ codes: Code[]; abilities: { edit: boolean } } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [label, setLabel] = useState("");
  const [definition, setDefinition] = useState("");
  const [parentId, setParentId] = useState("");
  const load = useCallback(() => {
    getCodebook(slug).then(setBook, (e: unknown) => setFailure(e instanceof ApiError ? e.message : String(e)));
  }, [slug]);
  useEffect(load, [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      await createCode(slug, { label, definition, parentId: parentId || null });
      setLabel("");
      setDefinition("");
      load();
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Page title={t("codebook.title")} lead={t("codebook.lead")}>
      <p>
        <Link to={`/consultations/${slug}/coding`}>{t("nav.coding")}</Link> · <Link to={`/consultations/${slug}/analysis`}>{t("nav.results")}</Link>
      </p>
      {failure && <Alert>{failure}</Alert>}
      {book && book.codes.length === 0 && <p>{t("codebook.empty")}</p>}
      {book && (
        <ul className="codebook">
          {book.codes.map((c) => <CodeItem key={c.id} code={c} edit={book.abilities.edit} onChanged={load} onError={setFailure} />)}
        </ul>
      )}
      {book?.abilities.edit && (
        <form onSubmit={(e) => void add(e)} aria-label={t("codebook.add")}>
          <h2>{t("codebook.add")}</h2>
          <div className="field">
            <label htmlFor="code-label" className="field__label">{t("codebook.label")}</label>
            <input id="code-label" className="field__control" required value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="code-definition" className="field__label">{t("codebook.definition")}</label>
            <textarea id="code-definition" className="field__control" required value={definition} onChange={(e) => setDefinition(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="code-parent" className="field__label">{t("codebook.parent")}</label>
            <select id="code-parent" className="field__control" value={parentId} onChange={(e) => setParentId(e.target.value)}>
              <option value="">{t("codebook.noParent")}</option>
              {flatten(book.codes).map((c) => <option key={c.id} value={c.id}>{c.path}</option>)}
            </select>
          </div>
          <button type="submit" className="button button--primary">{t("codebook.addButton")}</button>
        </form>
      )}
    </Page>
  );
}
