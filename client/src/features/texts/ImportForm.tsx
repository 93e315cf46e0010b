// Organisers add a document or publish a new version of one: upload a file (Markdown, HTML, DOCX,
// Akoma Ntoso) or paste its text, see how its units were recognised (and what could not be placed)
// before saving. Editing the current text: in the unit editor (UnitEditor.tsx), or from its Akoma Ntoso
// export, which imports back as is.
import { useCallback, useId, useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { TEXT_FORMATS, TEXT_LIMITS, type TextFormat, type TextSourceFormat } from "../../../../shared/schemas/texts.ts";
import { ApiError, asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { aknPath, createText, previewText, publishVersion, type Imported, type TextUnit } from "./api.ts";
import { UnitEditor } from "./UnitEditor.tsx";

const FORMAT_OF_EXTENSION: Record<string, TextFormat> = { md: "markdown", markdown: "markdown", txt: "markdown", html: "html", htm: "html", docx: "docx", xml: "akn", akn: "akn" };

function toBase64(bytes: ArrayBuffer): string {
  let s = "";
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

function PreviewTree({ units }: { units: TextUnit[] }) {
  const { t } = useTranslation("texts");
  return (
    <ul className="import-preview__tree">
      {units.map((u) => (
        <li key={u.eId}>
          <span className="import-preview__kind">{t(`kind.${u.kind}`)}</span> <strong>{[u.num, u.heading].filter(Boolean).join(" ")}</strong> <code className="muted">{u.eId}</code>
          {u.text && <p className="import-preview__text">{u.text.length > 160 ? `${u.text.slice(0, 159)}…` : u.text}</p>}
          {u.children.length > 0 && <PreviewTree units={u.children} />}
        </li>
      ))}
    </ul>
  );
}

export function ImportForm({ consultationId, existing, onSaved, onCancel }: { consultationId: string; existing?: { id: string; basedOn: number; units?: TextUnit[] }; onSaved(id: string): void; onCancel(): void }) {
  const { t } = useTranslation("texts");
  const id = useId();
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [format, setFormat] = useState<TextSourceFormat>("markdown");
  const editing = format === "units";
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<Imported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changed = () => setPreview(null);
  const onEdited = useCallback((tree: string) => {
    setContent(tree);
    setPreview(null);
  }, []);
  const startEditing = () => {
    setFormat("units");
    setFileName(null);
    setError(null);
  };
  const stopEditing = () => {
    setFormat("markdown");
    setContent("");
    changed();
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    const f = FORMAT_OF_EXTENSION[ext] ?? format;
    setFormat(f);
    setFileName(file.name);
    setContent(f === "docx" ? toBase64(await file.arrayBuffer()) : await file.text());
    changed();
  };
  const loadCurrent = async () => {
    if (!existing) return;
    setError(null);
    const res = await fetch(aknPath(existing.id), { credentials: "same-origin" });
    if (!res.ok) return setError(t("manage.loadFailed"));
    setFormat("akn");
    setFileName(null);
    setContent(await res.text());
    changed();
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      const e = asApiError(err);
      setError(e instanceof ApiError && e.details.length ? `${e.message} ${e.details.map((d) => `${d.path}: ${d.message}`).join("; ")}` : e.message);
    } finally {
      setBusy(false);
    }
  };
  const onPreview = () => run(async () => setPreview(await previewText(consultationId, { format, content })));
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = existing
        ? await publishVersion(existing.id, { format, content, note: note.trim() || undefined, basedOn: existing.basedOn })
        : await createText(consultationId, { title: title.trim(), format, content, note: note.trim() || undefined });
      onSaved(saved.text.id);
    });
  };
  const tooLong = content.length > TEXT_LIMITS.contentMax;

  return (
    <form className="form import-form" onSubmit={onSave} noValidate aria-labelledby={`${id}-title`} data-testid="import-form">
      <h3 id={`${id}-title`} className="form__title">
        {existing ? t("manage.publishTitle") : t("manage.addTitle")}
      </h3>
      <p className="field__hint">{t("manage.help")}</p>
      {!existing && (
        <div className="field">
          <label htmlFor={`${id}-name`} className="field__label">
            {t("manage.name")}
          </label>
          <input id={`${id}-name`} className="field__control" value={title} maxLength={LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} required />
        </div>
      )}
      {existing?.units && (
        <button type="button" className="button button--small button--secondary" aria-pressed={editing} onClick={editing ? stopEditing : startEditing}>
          {editing ? t("editor.useFile") : t("editor.open")}
        </button>
      )}
      {editing && existing?.units ? (
        <section className="unit-editor__section" aria-labelledby={`${id}-editor`}>
          <h4 id={`${id}-editor`}>{t("editor.title")}</h4>
          <p className="field__hint">{t("editor.help")}</p>
          <UnitEditor units={existing.units} onChange={onEdited} />
        </section>
      ) : (
        <>
        <div className="field">
          <label htmlFor={`${id}-format`} className="field__label">
            {t("manage.format")}
          </label>
          <select id={`${id}-format`} className="field__control" value={format === "units" ? "markdown" : format} onChange={(e) => (setFormat(e.target.value as TextFormat), changed())}>
            {TEXT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`} className="field__label">
            {t("manage.file")}
          </label>
          <input id={`${id}-file`} type="file" accept=".md,.markdown,.txt,.html,.htm,.docx,.xml,.akn" className="field__control" onChange={(e) => void onFile(e)} />
        </div>
        {format === "docx" ? (
          <p className="muted">{fileName ? t("manage.docxLoaded", { name: fileName }) : t("manage.docxNeedsFile")}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-content`} className="field__label">
              {t("manage.paste")}
            </label>
            <p className="field__hint" id={`${id}-content-hint`}>
              {t("manage.markdownConvention")}
            </p>
            <textarea id={`${id}-content`} aria-describedby={`${id}-content-hint`} className="field__control field__control--textarea import-form__content" rows={12} value={content} onChange={(e) => (setContent(e.target.value), changed())} />
          </div>
        )}
        {existing && (
          <button type="button" className="button button--small button--quiet" onClick={() => void loadCurrent()}>
            {t("manage.editCurrent")}
          </button>
        )}
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`} className="field__label">
          {t("manage.note")}
          <span className="field__optional">{t("common:field.optional")}</span>
        </label>
        <input id={`${id}-note`} className="field__control" value={note} maxLength={TEXT_LIMITS.noteMax} onChange={(e) => setNote(e.target.value)} />
      </div>
      {tooLong && <Alert>{t("manage.tooLong", { max: TEXT_LIMITS.contentMax })}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="form__actions form__actions--row">
        <button type="button" className="button button--secondary" disabled={busy || !content || tooLong} onClick={() => void onPreview()}>
          {t("manage.preview")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !preview || preview.unitCount === 0 || (!existing && !title.trim())}>
          {existing ? t("manage.savePublish") : t("manage.saveAdd")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common:cancel")}
        </button>
      </div>
      {preview && (
        <section className="import-preview" aria-labelledby={`${id}-preview`} data-testid="import-preview">
          <h4 id={`${id}-preview`} tabIndex={-1}>
            {t("manage.previewTitle", { count: preview.unitCount })}
          </h4>
          {preview.warnings.length > 0 && (
            <ul className="import-preview__warnings" aria-label={t("manage.warnings")}>
              {preview.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          <PreviewTree units={preview.units} />
        </section>
      )}
    </form>
  );
}
