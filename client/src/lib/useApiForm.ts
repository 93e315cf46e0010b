// A form driven by a shared zod schema (the one the server validates with), on react-hook-form with the
// zod resolver. What every form of the app needs on top: the text fields as controlled bindings for our
// field components, the server's 4xx details mapped onto the fields, one message for the form as a whole,
// an old message going as soon as its field is edited, focus on the first field in error, and no second
// submit while one is under way.
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useForm, type FieldErrors, type Resolver, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { ApiError } from "../api/client.ts";
import i18n from "../i18n/index.ts";

export interface FieldBinding {
  id: string;
  name: string;
  value: string;
  error?: string;
  onChange(event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>): void;
}

export interface ApiForm<F extends string> {
  values: Record<F, string>;
  fieldErrors: Partial<Record<F, string>>;
  /** The message for the form as a whole (the server's top-level message), shown in an alert. */
  formError: string | null;
  submitting: boolean;
  field(name: F): FieldBinding;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  /** react-hook-form itself, for what a form needs beyond text fields. */
  form: UseFormReturn<Record<string, string>>;
}

/** The first message anywhere in a (possibly nested) error tree, e.g. a refinement on the whole body. */
function firstMessage(errors: unknown): string | undefined {
  if (!errors || typeof errors !== "object") return undefined;
  const { message } = errors as { message?: unknown };
  if (typeof message === "string" && message) return message;
  for (const [key, value] of Object.entries(errors)) {
    if (key === "ref") continue;
    const found = firstMessage(value);
    if (found) return found;
  }
  return undefined;
}

export function useApiForm<S extends z.ZodType, F extends string>(opts: {
  schema: S;
  initial: Record<F, string>;
  /** Turns the text of the fields into the schema's input, e.g. "" -> undefined for optional selects. */
  toInput?: (values: Record<F, string>) => unknown;
  onValid: (data: z.output<S>) => Promise<void>;
}): ApiForm<F> {
  // Typed loosely inside: field names are plain strings to react-hook-form.
  type Values = Record<string, string>;
  const formId = useId();
  // The latest options: toInput and onValid read what the form's render knew (a mode, a version).
  const latest = useRef(opts);
  latest.current = opts;
  const [resolver] = useState<Resolver<Values>>(() => {
    const parse = zodResolver(opts.schema as never);
    return ((values: Values, context: unknown, options: never) => {
      const { toInput } = latest.current;
      return parse((toInput ? toInput(values as Record<F, string>) : values) as never, context as never, options);
    }) as unknown as Resolver<Values>;
  });
  const form = useForm<Values>({
    defaultValues: opts.initial,
    resolver,
    // A field's message stays until the next submit says again what is still wrong; editing only clears it.
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  const { watch, setValue, clearErrors, setError, handleSubmit, formState } = form;
  const values = watch() as Record<F, string>;
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  // Focus moves after the render that marks the field invalid, so assistive technology reads the new state.
  const [focusRequest, setFocusRequest] = useState<{ name: F } | null>(null);
  const fieldNames = Object.keys(opts.initial) as F[];
  const fieldId = useCallback((name: string) => `${formId}-${name}`, [formId]);

  useEffect(() => {
    if (focusRequest) document.getElementById(fieldId(focusRequest.name))?.focus();
  }, [focusRequest, fieldId]);

  const focusFirst = (errors: FieldErrors<Values>) => {
    const first = fieldNames.find((name) => errors[name]);
    if (first) setFocusRequest({ name: first });
  };

  const onValid = async (data: Values) => {
    setFormError(null);
    setSubmitting(true);
    try {
      await latest.current.onValid(data as z.output<S>);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        console.error(err);
        setFormError(i18n.t("common:errors.internal"));
        return;
      }
      const marked = new Set<F>();
      for (const detail of err.details) {
        const name = detail.path.split(".")[0] as F;
        if (!fieldNames.includes(name) || marked.has(name)) continue;
        marked.add(name);
        setError(name, { type: "server", message: detail.message });
      }
      setFormError(err.message);
      const first = fieldNames.find((name) => marked.has(name));
      if (first) setFocusRequest({ name: first });
    } finally {
      setSubmitting(false);
    }
  };

  const onInvalid = (errors: FieldErrors<Values>) => {
    const onFields = fieldNames.some((name) => errors[name]);
    setFormError(onFields ? null : (firstMessage(errors) ?? i18n.t("common:errors.formInvalid")));
    focusFirst(errors);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    void handleSubmit(onValid, onInvalid)(event).finally(() => {
      inFlight.current = false;
    });
  };

  const fieldErrors: Partial<Record<F, string>> = {};
  for (const name of fieldNames) {
    const message = formState.errors[name]?.message;
    if (typeof message === "string" && message) fieldErrors[name] = message;
  }

  const field = (name: F): FieldBinding => ({
    id: fieldId(name),
    name,
    value: values[name] ?? "",
    error: fieldErrors[name],
    onChange: (event) => {
      setValue(name, event.target.value as never, { shouldDirty: true });
      // The field is being fixed: its old message goes (the next submit says again what is still wrong).
      if (formState.errors[name]) clearErrors(name);
    },
  });

  return { values, fieldErrors, formError, submitting, field, onSubmit, form };
}
