// Campaigns of near-identical responses: the list for a consultation, and one campaign's page with its
// shared text, counts by category and country, and what each published member added.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CATEGORY_LABELS, type StakeholderCategory } from "../../../../shared/categories.ts";
import { ApiError } from "../../api/client.ts";
import { getCampaign, listCampaigns, type Campaign, type CampaignSummary } from "../../api/responses.ts";
import { Alert } from "../../components/Alert.tsx";
import { Page } from "../../components/Page.tsx";

function Counts({ byCategory, byCountry }: { byCategory: Record<string, number>; byCountry: Record<string, number> }) {
  const { t, i18n } = useTranslation("responses");
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  return (
    <p className="card__meta">
      {t("campaigns.byCategory")}: {Object.entries(byCategory).map(([c, v]) => `${CATEGORY_LABELS[c as StakeholderCategory] ?? c} ${n(v)}`).join(", ")}. {t("campaigns.byCountry")}:{" "}
      {Object.entries(byCountry).map(([c, v]) => `${c} ${n(v)}`).join(", ")}.
    </p>
  );
}

export function CampaignsPage() {
  const { slug = "" } = useParams();
  const { t } = useTranslation("responses");
  const [items, setItems] = useState<CampaignSummary[] | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    listCampaigns(slug, ac.signal).then((b) => {
      setItems(b.items);
      setWaiting(b.waitingForGrouping);
    }, (e: unknown) => !ac.signal.aborted && setFailure(e instanceof ApiError ? e.message : String(e)));
    return () => ac.abort();
  }, [slug]);
  return (
    <Page title={t("campaigns.title")}>
      {failure && <Alert>{failure}</Alert>}
      {items?.length === 0 && <p>{t("campaigns.none")}</p>}
      {waiting > 0 && <p role="status">{t("campaigns.waiting", { count: waiting })}</p>}
      <ul>
        {items?.map((c) => (
          <li key={c.id} className="card">
            <h2><Link to={`/campaigns/${c.id}`}>{t("campaigns.count", { count: c.count })}</Link></h2>
            <Counts byCategory={c.byCategory} byCountry={c.byCountry} />
            <blockquote>{c.sharedText ?? t("campaigns.withheld")}</blockquote>
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function CampaignPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("responses");
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    getCampaign(id, ac.signal).then(setCampaign, (e: unknown) => !ac.signal.aborted && setFailure(e instanceof ApiError ? e.message : String(e)));
    return () => ac.abort();
  }, [id]);
  if (!campaign) return <Page title={t("campaigns.one")}>{failure ? <Alert>{failure}</Alert> : <p>{t("loading")}</p>}</Page>;
  return (
    <Page title={t("campaigns.count", { count: campaign.count })} lead={t("campaigns.publishedOf", { published: campaign.published, notPublished: campaign.notPublished })}>
      <Counts byCategory={campaign.byCategory} byCountry={campaign.byCountry} />
      <h2>{t("campaigns.shared")}</h2>
      <blockquote data-testid="campaign-shared">{campaign.sharedText ?? t("campaigns.withheld")}</blockquote>
      <h2>{t("campaigns.members")}</h2>
      <ul>
        {campaign.members.map((m) => (
          <li key={m.submissionNumber}>
            <strong>{m.organisation?.name ?? m.respondent ?? t("published.anonymous")}</strong> · {CATEGORY_LABELS[m.category]} {m.country ? `· ${m.country}` : ""}
            {m.addedText ? <p>{t("campaigns.added")}: {m.addedText}</p> : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
