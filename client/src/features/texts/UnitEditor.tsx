// The unit editor: the current text as a tree of units whose number, heading and text the organiser
// edits, adding a unit after another (or a point in a paragraph) and removing units. It hands the tree
// to the import form as the content of format "units": the same preview and publish then apply. Units
// from the current version carry their eId, so threads and amendments stay on them; new units have
// none and the server gives them one by the importers' rule.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import type { TEditedUnit, TextUnitKind } from "../../../../shared/schemas/texts.ts";
import type { TextUnit } from "./api.ts";
import { unitLabel } from "./tree.ts";

type EditorUnit = { key: string; kind: TextUnitKind; eId?: string; num: string; heading: string; text: string; children: EditorUnit[] };

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

function fromUnits(units: TextUnit[]): EditorUnit[] {
  return units.map((u) => ({ key: u.eId, kind: u.kind, eId: u.eId, num: u.num ?? "", heading: u.heading ?? "", text: u.text, children: fromUnits(u.children) }));
}

export function toEdited(units: EditorUnit[]): TEditedUnit[] {
  return units.map((u) => ({ kind: u.kind, ...(u.eId ? { eId: u.eId } : {}), num: u.num.trim() || null, heading: u.heading.trim() || null, text: u.text, children: toEdited(u.children) }));
}

/** Divisions are named by a heading; the others hold text. */
const HEADED = new Set<TextUnitKind>(["title", "recitals", "chapter", "section", "article"]);
const HOLDS_TEXT = new Set<TextUnitKind>(["recital", "paragraph", "point"]);

/** The tree with `fn` applied to the list holding the unit `key` (the top list if key is null). */
function mapList(units: EditorUnit[], parentKey: string | null, fn: (list: EditorUnit[]) => EditorUnit[]): EditorUnit[] {
  if (parentKey === null) return fn(units);
  return units.map((u) => (u.key === parentKey ? { ...u, children: fn(u.children) } : { ...u, children: mapList(u.children, parentKey, fn) }));
}

export function UnitEditor({ units, onChange }: { units: TextUnit[]; onChange(content: string): void }) {
  const { t } = useTranslation("texts");
  const [tree, setTree] = useState(() => fromUnits(units));
  const focusKey = useRef<string | null>(null);
  const root = useRef<HTMLOListElement>(null);

  useEffect(() => {
    onChange(JSON.stringify(toEdited(tree)));
    if (focusKey.current) {
      root.current?.querySelector<HTMLElement>(`[data-unit-key="${focusKey.current}"] input, [data-unit-key="${focusKey.current}"] textarea`)?.focus();
      focusKey.current = null;
    }
  }, [tree, onChange]);

  const update = (key: string, patch: Partial<EditorUnit>) => {
    const walk = (list: EditorUnit[]): EditorUnit[] => list.map((u) => (u.key === key ? { ...u, ...patch } : { ...u, children: walk(u.children) }));
    setTree(walk);
  };
  const addAfter = (parentKey: string | null, after: EditorUnit) => {
    const unit: EditorUnit = { key: newKey(), kind: after.kind, num: "", heading: "", text: "", children: [] };
    focusKey.current = unit.key;
    setTree((tr) => mapList(tr, parentKey, (list) => list.flatMap((u) => (u.key === after.key ? [u, unit] : [u]))));
  };
  const addPoint = (paragraph: EditorUnit) => {
    const unit: EditorUnit = { key: newKey(), kind: "point", num: "", heading: "", text: "", children: [] };
    focusKey.current = unit.key;
    setTree((tr) => mapList(tr, paragraph.key, (list) => [...list, unit]));
  };
  const remove = (parentKey: string | null, unit: EditorUnit) =>
    setTree((tr) =>
      mapList(tr, parentKey, (list) => {
        // Focus goes to the unit before (or after, or the parent), not to the page's start.
        const i = list.findIndex((u) => u.key === unit.key);
        focusKey.current = list[i - 1]?.key ?? list[i + 1]?.key ?? parentKey;
        return list.filter((u) => u.key !== unit.key);
      }),
    );

  return (
    <ol className="unit-editor" ref={root} aria-label={t("editor.tree")} data-testid="unit-editor">
      {tree.map((u) => (
        <EditorNode key={u.key} unit={u} parentKey={null} ancestors={[]} actions={{ update, addAfter, addPoint, remove }} />
      ))}
    </ol>
  );
}

type Actions = {
  update(key: string, patch: Partial<EditorUnit>): void;
  addAfter(parentKey: string | null, after: EditorUnit): void;
  addPoint(paragraph: EditorUnit): void;
  remove(parentKey: string | null, unit: EditorUnit): void;
};

const asTextUnit = (u: EditorUnit): TextUnit => ({ id: u.key, kind: u.kind, eId: u.eId ?? "", num: u.num || null, heading: u.heading || null, text: u.text, children: [] });

function EditorNode({ unit, parentKey, ancestors, actions }: { unit: EditorUnit; parentKey: string | null; ancestors: EditorUnit[]; actions: Actions }) {
  const { t } = useTranslation("texts");
  const id = useId();
  // As printed ("Article 7(4)(c)") once it has a number; a new unit without one is "New point".
  const name = unitLabel(asTextUnit(unit), ancestors.map(asTextUnit)) || t("editor.newUnit", { kind: t(`kind.${unit.kind}`) });
  return (
    <li className="unit-editor__unit" data-unit-key={unit.key} data-eid={unit.eId}>
      <fieldset className="unit-editor__fields">
        <legend>
          <span className="import-preview__kind">{t(`kind.${unit.kind}`)}</span> {name} {unit.eId && <code className="muted">{unit.eId}</code>}
        </legend>
        <div className="unit-editor__row">
          <div className="field unit-editor__num">
            <label htmlFor={`${id}-num`} className="field__label">
              {t("editor.number")}
            </label>
            <input id={`${id}-num`} className="field__control" value={unit.num} maxLength={40} onChange={(e) => actions.update(unit.key, { num: e.target.value })} />
          </div>
          {(HEADED.has(unit.kind) || unit.heading) && (
            <div className="field unit-editor__heading">
              <label htmlFor={`${id}-heading`} className="field__label">
                {t("editor.heading")}
              </label>
              <input id={`${id}-heading`} className="field__control" value={unit.heading} maxLength={LIMITS.titleMax} onChange={(e) => actions.update(unit.key, { heading: e.target.value })} />
            </div>
          )}
        </div>
        {(HOLDS_TEXT.has(unit.kind) || unit.text) && (
          <div className="field">
            <label htmlFor={`${id}-text`} className="field__label">
              {t("editor.text")}
            </label>
            <textarea id={`${id}-text`} className="field__control field__control--textarea" rows={Math.min(6, 1 + Math.ceil(unit.text.length / 90))} value={unit.text} onChange={(e) => actions.update(unit.key, { text: e.target.value })} />
          </div>
        )}
        <div className="form__actions form__actions--row">
          <button type="button" className="button button--small button--quiet" aria-label={t("editor.addAfterLabel", { unit: name })} onClick={() => actions.addAfter(parentKey, unit)}>
            {t("editor.addAfter")}
          </button>
          {unit.kind === "paragraph" && (
            <button type="button" className="button button--small button--quiet" aria-label={t("editor.addPointLabel", { unit: name })} onClick={() => actions.addPoint(unit)}>
              {t("editor.addPoint")}
            </button>
          )}
          <button type="button" className="button button--small button--quiet" aria-label={t("editor.removeLabel", { unit: name })} onClick={() => actions.remove(parentKey, unit)}>
            {t("editor.remove")}
          </button>
        </div>
      </fieldset>
      {unit.children.length > 0 && (
        <ol className="unit-editor__children">
          {unit.children.map((c) => (
            <EditorNode key={c.key} unit={c} parentKey={unit.key} ancestors={[...ancestors, unit]} actions={actions} />
          ))}
        </ol>
      )}
    </li>
  );
}
