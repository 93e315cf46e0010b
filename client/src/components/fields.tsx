// Labelled form controls. Hint and error are tied to the control with aria-describedby; an error also
// sets aria-invalid. Error messages from the schemas are fragments ("is required"), completed with the label.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import type { FieldBinding } from "../lib/useSchemaForm.ts";

export function fieldMessage(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}.` : message;
}

interface FieldFrameProps {
  id: string;
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ id, label, optional, hint, error, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
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
