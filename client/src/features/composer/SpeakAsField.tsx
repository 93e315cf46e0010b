// "Post on behalf of": offered only to representatives of verified organisations (the server checks again).
import { CATEGORY_LABELS } from "../../../../shared/categories.ts";
import type { SessionUser } from "../../api/accounts.ts";
import { SelectField } from "../../components/fields.tsx";
import type { FieldBinding } from "../../lib/useSchemaForm.ts";
import { useSession } from "../session/SessionContext.tsx";

export function representedOrganisations(user: SessionUser | null) {
  return (user?.organisations ?? []).filter((o) => o.role === "representative" && o.verified);
}

export function SpeakAsField({ binding, label = "Post as" }: { binding: FieldBinding; label?: string }) {
  const { user } = useSession();
  const organisations = representedOrganisations(user);
  if (!user || organisations.length === 0) return null;
  return (
    <SelectField
      label={label}
      binding={binding}
      hint="Speaking for an organisation puts it on record as that organisation's contribution."
      options={[
        { value: "", label: `Myself (${CATEGORY_LABELS[user.category]})` },
        ...organisations.map((o) => ({ value: o.id, label: `On behalf of ${o.name}` })),
      ]}
    />
  );
}
