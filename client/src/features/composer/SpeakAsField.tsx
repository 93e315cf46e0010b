// "Post on behalf of": offered only to representatives of verified organisations (the server checks again).
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../api/accounts.ts";
import { SelectField } from "../../components/fields.tsx";
import type { FieldBinding } from "../../lib/useApiForm.ts";
import { useSession } from "../session/SessionContext.tsx";

export function representedOrganisations(user: SessionUser | null) {
  return (user?.organisations ?? []).filter((o) => o.role === "representative" && o.verified);
}

/** Organisations the user represents that no administrator has verified yet: they cannot be spoken for. */
export function awaitingOrganisations(user: SessionUser | null) {
  return (user?.organisations ?? []).filter((o) => o.role === "representative" && !o.verified);
}

/** Says why an organisation the user represents is not offered, instead of leaving them to wonder. */
function AwaitingNote({ user }: { user: SessionUser }) {
  // The "threads" namespace like the rest of this file; the sentence lives in "representation".
  const { t, i18n } = useTranslation("threads");
  const awaiting = awaitingOrganisations(user);
  if (awaiting.length === 0) return null;
  const names = new Intl.ListFormat(i18n.resolvedLanguage ?? "en", { type: "conjunction" }).format(awaiting.map((o) => o.name));
  return (
    <p className="field__hint" data-testid="speak-as-awaiting">
      {t("representation:composer.awaiting", { count: awaiting.length, names })}
    </p>
  );
}

export function SpeakAsField({ binding, label }: { binding: FieldBinding; label?: string }) {
  const { t } = useTranslation("threads");
  const { user } = useSession();
  const organisations = representedOrganisations(user);
  if (!user) return null;
  if (organisations.length === 0) return <AwaitingNote user={user} />;
  return (
    <>
      <SelectField
        label={label ?? t("speakAs.label")}
        binding={binding}
        hint={t("speakAs.hint")}
        options={[
          { value: "", label: t("speakAs.myself", { category: t(`vocabulary:category.${user.category}`) }) },
          ...organisations.map((o) => ({ value: o.id, label: t("speakAs.onBehalfOf", { name: o.name }) })),
        ]}
      />
      <AwaitingNote user={user} />
    </>
  );
}
