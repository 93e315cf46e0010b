// Labelled form controls. Hint and error are tied to the control with aria-describedby; an error also
// sets aria-invalid. Error messages from the schemas are fragments ("is required"), completed with the label.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../i18n/index.ts";
import type { FieldBinding } from "../lib/useApiForm.ts";

// The schemas' fragments, in English, as the server also sends them: each known shape has its own sentence
// in every language (word order differs), with the field's label; an unknown one keeps the English fragment.
const FRAGMENTS: [RegExp, string][] = [
  [/^is required$/, "validation.required"],
  [/^must be at most (\d+) characters$/, "validation.maxLength"],
  [/^must be at least (\d+) characters$/, "validation.minLength"],
  [/^must be an email address$/, "validation.email"],
  [/^must be a URL$/, "validation.url"],
  [/^must start with http:\/\/ or https:\/\/$/, "validation.httpUrl"],
  [/^is required when the stance is support with amendments$/, "validation.requiredForAmendments"],
];

export function fieldMessage(label: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message;
  for (const [pattern, key] of FRAGMENTS) {
    const m = pattern.exec(message);
    if (m) return i18n.t(`common:${key}`, m[1] ? { label, count: Number(m[1]) } : { label });
  }
  return `${label} ${message}.`;
}

export interface FieldFrameProps {
  id: string;
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

export function FieldFrame({ id, label, optional, hint, error, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional">{t("field.optional")}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t("field.errorPrefix")}</span>
          {fieldMessage(label, error)}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "value" | "onChange"> & {
  label: string;
  hint?: ReactNode;
  optional?: boolean;
  binding: FieldBinding;
};

export function TextField({ label, hint, optional, binding, type = "text", ...rest }: TextFieldProps) {
  const { error, ...input } = binding;
  return (
    <FieldFrame id={binding.id} label={label} optional={optional} hint={hint} error={error}>
      {(describedBy) => (
        <input
          {...rest}
          {...input}
          type={type}
          className="field__control"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={!optional}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "value" | "onChange"> & {
  label: string;
  hint?: ReactNode;
  optional?: boolean;
  binding: FieldBinding;
  options: readonly { value: string; label: string }[];
};

export function SelectField({ label, hint, optional, binding, options, ...rest }: SelectFieldProps) {
  const { error, ...select } = binding;
  return (
    <FieldFrame id={binding.id} label={label} optional={optional} hint={hint} error={error}>
      {(describedBy) => (
        <select
          {...rest}
          {...select}
          className="field__control"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "value" | "onChange"> & {
  label: string;
  hint?: ReactNode;
  optional?: boolean;
  binding: FieldBinding;
};

export function TextAreaField({ label, hint, optional, binding, rows = 4, ...rest }: TextAreaFieldProps) {
  const { error, ...textarea } = binding;
  return (
    <FieldFrame id={binding.id} label={label} optional={optional} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          {...rest}
          {...textarea}
          rows={rows}
          className="field__control field__control--textarea"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={!optional}
        />
      )}
    </FieldFrame>
  );
}

interface RadioGroupProps {
  legend: string;
  hint?: ReactNode;
  name: string;
  idPrefix: string;
  value: string;
  error?: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
}

/** A fieldset of radio buttons; the hint and the error are read with the group's name. */
export function RadioGroup({ legend, hint, name, idPrefix, value, error, options, onChange }: RadioGroupProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const errorId = error ? `${idPrefix}-error` : undefined;
  return (
    <fieldset
      className={error ? "field field--error radios" : "field radios"}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      id={idPrefix}
      tabIndex={-1}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t("field.errorPrefix")}</span>
          {fieldMessage(legend, error)}
        </p>
      )}
      {options.map((o) => (
        <div className="radios__item" key={o.value}>
          <input
            type="radio"
            id={`${idPrefix}-${o.value}`}
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            className="radios__input"
          />
          <label htmlFor={`${idPrefix}-${o.value}`} className="radios__label">
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
