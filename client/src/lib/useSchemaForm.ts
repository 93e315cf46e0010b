// Form state driven by a shared zod schema: the same schema the server validates with.
// Validates on submit, keeps one message per field, maps the server's error details to fields,
// and moves focus to the first field in error.
import { useCallback, useEffect, useId, useState, type ChangeEvent, type FormEvent } from "react";
import type { z } from "zod";
import { ApiError } from "../api/client.ts";

export interface FieldBinding {
  id: string;
  name: string;
  value: string;
  error?: string;
  onChange(event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>): void;
}

export interface SchemaForm<F extends string> {
  values: Record<F, string>;
  fieldErrors: Partial<Record<F, string>>;
  /** The message for the form as a whole (the server's top-level message), shown in an alert. */
  formError: string | null;
  submitting: boolean;
  field(name: F): FieldBinding;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
}

export function useSchemaForm<S extends z.ZodType, F extends string>(opts: {
  schema: S;
  initial: Record<F, string>;
  /** Turns the text of the fields into the schema's input, e.g. "" -> undefined for optional selects. */
  toInput?: (values: Record<F, string>) => unknown;
  onValid: (data: z.output<S>) => Promise<void>;
}): SchemaForm<F> {
  const formId = useId();
  const [values, setValues] = useState(opts.initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Focus moves after the render that marks the field invalid, so assistive technology reads the new state.
  const [focusRequest, setFocusRequest] = useState<{ name: F } | null>(null);

  const fieldNames = Object.keys(opts.initial) as F[];
  const fieldId = useCallback((name: string) => `${formId}-${name}`, [formId]);

  useEffect(() => {
    if (focusRequest) document.getElementById(fieldId(focusRequest.name))?.focus();
  }, [focusRequest, fieldId]);

  const showFieldErrors = (errors: Partial<Record<F, string>>) => {
    setFieldErrors(errors);
    const first = fieldNames.find((name) => errors[name]);
    if (first) setFocusRequest({ name: first });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const parsed = opts.schema.safeParse(opts.toInput ? opts.toInput(values) : values);
    if (!parsed.success) {
      const errors: Partial<Record<F, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? "") as F;
        if (fieldNames.includes(name) && !errors[name]) errors[name] = issue.message;
      }
      setFormError(fieldNames.some((n) => errors[n]) ? null : parsed.error.issues[0]?.message ?? "The form is invalid.");
      showFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setSubmitting(true);
    opts
      .onValid(parsed.data)
      .catch((err: unknown) => {
        if (err instanceof ApiError) {
          const errors: Partial<Record<F, string>> = {};
          for (const detail of err.details) {
            const name = detail.path.split(".")[0] as F;
            if (fieldNames.includes(name) && !errors[name]) errors[name] = detail.message;
          }
          setFormError(err.message);
          showFieldErrors(errors);
        } else {
          console.error(err);
          setFormError("Something went wrong. Please try again.");
        }
      })
      .finally(() => setSubmitting(false));
  };

  const field = (name: F): FieldBinding => ({
    id: fieldId(name),
    name,
    value: values[name],
    error: fieldErrors[name],
    onChange: (event) => {
      const value = event.target.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });

  return { values, fieldErrors, formError, submitting, field, onSubmit };
}
