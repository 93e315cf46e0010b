// In the position form: the provisions of the consultation's draft texts the position concerns. A select
// of every citable unit of each text's current version (grouped by text, labelled as printed), an Add
// button, and the chosen ones listed with Remove. The server checks each against the current version.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "../../../../shared/limits.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";
import { getReadingView, listTexts } from "./api.ts";
import { findUnit, flatten, unitLabel } from "./tree.ts";

export type CitedUnitValue = { textId: string; eId: string; label?: string };
const CITABLE = new Set(["article", "paragraph", "point", "recital"]);

async function loadCitable(consultationId: string, signal: AbortSignal) {
  const { items } = await listTexts(consultationId, signal);
  const texts = await Promise.all(items.filter((d) => d.currentVersion !== null).map((d) => getReadingView(d.id, undefined, signal)));
  return texts.map((v) => ({
    id: v.id,
    title: v.title,
    units: flatten(v.units)
      .filter((u) => CITABLE.has(u.kind))
      .map((u) => ({ eId: u.eId, label: unitLabel(u, findUnit(v.units, u.eId)?.ancestors ?? []) })),
  }));
}

export function CitedUnitsField({ consultationId, value, onChange, error }: { consultationId: string; value: CitedUnitValue[]; onChange(next: CitedUnitValue[]): void; error?: string }) {
  const { t } = useTranslation("text-citations");
  const id = useId();
  const [choice, setChoice] = useState("");
  const viewerKey = useViewerKey();
  const state = resourceOf(useQuery({ queryKey: keys.citableUnits(consultationId, viewerKey), queryFn: ({ signal }) => loadCitable(consultationId, signal), enabled: viewerKey !== null }));
  if (state.phase !== "ready" || state.data.length === 0) return null; // no draft text: nothing to cite
  const labelOf = (c: CitedUnitValue) => state.data.find((d) => d.id === c.textId)?.units.find((u) => u.eId === c.eId)?.label ?? c.label ?? c.eId;
  const key = (c: CitedUnitValue) => `${c.textId}|${c.eId}`;
  const chosen = new Set(value.map(key));
  const add = () => {
    if (!choice || chosen.has(choice)) return;
    const [textId, eId] = choice.split("|") as [string, string];
    onChange([...value, { textId, eId }]);
    setChoice("");
  };
  return (
    <fieldset className="field" data-testid="cited-units-field">
      <legend className="field__label">{t("form.legend")}</legend>
      <p className="field__hint">{t("form.hint", { max: LIMITS.citedUnitsMax })}</p>
      {value.length > 0 && (
        <ul className="cited-units">
          {value.map((c) => (
            <li key={key(c)}>
              {labelOf(c)}{" "}
              <button type="button" className="button button--small button--quiet" onClick={() => onChange(value.filter((v) => key(v) !== key(c)))}>
                {t("form.remove", { label: labelOf(c) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {value.length < LIMITS.citedUnitsMax && (
        <div className="button-row">
          <label htmlFor={`${id}-unit`} className="visually-hidden">
            {t("form.choose")}
          </label>
          <select id={`${id}-unit`} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t("form.choose")}</option>
            {state.data.map((d) => (
              <optgroup key={d.id} label={d.title}>
                {d.units.map((u) => (
                  <option key={u.eId} value={`${d.id}|${u.eId}`} disabled={chosen.has(`${d.id}|${u.eId}`)}>
                    {u.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="button" className="button button--small button--secondary" disabled={!choice} onClick={add}>
            {t("form.add")}
          </button>
        </div>
      )}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
