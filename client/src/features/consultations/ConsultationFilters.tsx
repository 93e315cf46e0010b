// Filters bound to the query string, so a filtered list can be bookmarked, shared and navigated back to.
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { ACCESS_MODES, CONSULTATION_STATUSES } from "../../../../shared/schemas/consultations.ts";
import type { ConsultationFilters as Filters } from "../../api/consultations.ts";
import { LANGUAGES, languageLabel } from "./labels.ts";

interface FilterSelectProps {
  id: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: { value: string; label: string }[];
  onChange(value: string | undefined): void;
}

function FilterSelect({ id, label, value, anyLabel, options, onChange }: FilterSelectProps) {
  return (
    <div className="filters__field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        className="field__control"
        value={value ?? ""}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value || undefined)}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ConsultationFilters({ filters, onChange }: { filters: Filters; onChange(next: Filters): void }) {
  const { t } = useTranslation("consultations");
  const active = Boolean(filters.status || filters.accessMode || filters.language);
  const clear = () => {
    onChange({});
    // The button disappears with the filters it clears: keep focus in the form.
    document.getElementById("filter-status")?.focus();
  };
  return (
    <form role="search" aria-label={t("filters.landmark")} className="filters" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        id="filter-status"
        label={t("filters.status")}
        value={filters.status}
        anyLabel={t("filters.anyStatus")}
        options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(`vocabulary:status.${s}`) }))}
        onChange={(v) => onChange({ ...filters, status: v as Filters["status"] })}
      />
      <FilterSelect
        id="filter-access"
        label={t("filters.access")}
        value={filters.accessMode}
        anyLabel={t("filters.anyAccess")}
        options={ACCESS_MODES.map((m) => ({ value: m, label: t(`vocabulary:access.${m}`) }))}
        onChange={(v) => onChange({ ...filters, accessMode: v as Filters["accessMode"] })}
      />
      <FilterSelect
        id="filter-language"
        label={t("filters.language")}
        value={filters.language}
        anyLabel={t("filters.anyLanguage")}
        options={LANGUAGES.map((l) => ({ value: l, label: languageLabel(l) }))}
        onChange={(v) => onChange({ ...filters, language: v })}
      />
      {active && (
        <div className="filters__actions">
          <button type="button" className="button button--secondary" onClick={clear}>
            {t("filters.clear")}
          </button>
        </div>
      )}
    </form>
  );
}
