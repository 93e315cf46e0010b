// Partners' API keys: an organiser names a partner and gets its key, shown this once (only a hash is
// kept, so it cannot be shown again); the list gives each key's prefix, how many responses it sent, and
// the rate limit every key is held to; a key is revoked at once and for good.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { zCreatePartnerBody } from "../../../../../shared/schemas/responses.ts";
import { ApiError } from "../../../api/client.ts";
import { createPartner, listPartners, revokePartner } from "../../../api/response-staff.ts";
import { Alert } from "../../../components/Alert.tsx";
import { Badge } from "../../../components/Badge.tsx";
import { ListState } from "../../../components/ListState.tsx";
import { TextField } from "../../../components/fields.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../../lib/query/keys.ts";
import { resourceOf } from "../../../lib/query/state.ts";
import { useApiForm } from "../../../lib/useApiForm.ts";
import { useViewerKey } from "../../../lib/useViewerKey.ts";
import "./staff.css";

export function PartnersPanel({ consultation }: { consultation: string }) {
  const { t } = useTranslation("response-staff");
  const id = useId();
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.partnerKeys(consultation, viewerKey), queryFn: ({ signal }) => listPartners(consultation, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const reload = () => query.refetch();
  const [secret, setSecret] = useState<{ name: string; apiKey: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useApiForm({
    schema: zCreatePartnerBody,
    initial: { name: "" },
    onValid: async ({ name }) => {
      const created = await createPartner(consultation, name);
      setSecret({ name: created.partner.name, apiKey: created.apiKey });
      await reload();
    },
  });
  const revoke = async (partnerId: string) => {
    setFailure(null);
    try {
      await revokePartner(partnerId);
      await reload();
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    }
  };
  const items = state.phase === "ready" ? state.data.items : [];

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("partners.title")}</h2>
      <p>{t("partners.lead")}</p>
      {state.phase === "ready" && (
        <p data-testid="partner-rate-limit">{t("partners.rateLimit", { count: state.data.rateLimit.requests, seconds: state.data.rateLimit.perSeconds })}</p>
      )}
      {failure && <Alert>{failure}</Alert>}
      <ListState
        phase={state.phase}
        error={state.phase === "error" ? state.error.message : null}
        onRetry={() => void reload()}
        items={items}
        hasMore={false}
        loadMore={() => undefined}
        words={{ loading: t("partners.loading"), empty: t("partners.empty"), more: "" }}
      >
        {(list) => (
          <ul className="staff-list" data-testid="partners">
            {list.map((p) => (
              <li key={p.id} data-testid="partner">
                <strong>{p.name}</strong> <code>{p.keyPrefix}…</code> · {t("partners.responses", { count: p.responses })} · {formatDateTime(p.createdAt)}{" "}
                {p.revoked ? (
                  <Badge kind={t("partners.status")} tone="status-closed">{t("partners.revoked")}</Badge>
                ) : (
                  <button type="button" className="button button--small button--secondary" onClick={() => void revoke(p.id)}>
                    {t("partners.revoke", { name: p.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </ListState>
      {secret && (
        <div className="notice notice--success" role="status" data-testid="partner-secret">
          <p>{t("partners.secretLead", { name: secret.name })}</p>
          <p className="secret-key">
            <code>{secret.apiKey}</code>
          </p>
          <button type="button" className="button button--small button--secondary" onClick={() => setSecret(null)}>
            {t("partners.secretDone")}
          </button>
        </div>
      )}
      <form onSubmit={form.onSubmit} noValidate aria-label={t("partners.create")}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={t("partners.name")} binding={form.field("name")} maxLength={200} />
        <button type="submit" className="button button--primary" disabled={form.submitting}>
          {t("partners.create")}
        </button>
      </form>
    </section>
  );
}
