// The consultation's members for its organisers: a page at a time, searchable, with role, organisation
// and the date they were added; change a role, remove someone, add a person by email (an existing
// account) or a whole organisation. The server applies the rank rules and says why when it refuses.
import { InviteByEmailForm } from "../mail/InviteByEmailForm.tsx";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CONSULTATION_ROLES, type ConsultationRole } from "../../../../shared/categories.ts";
import { asApiError } from "../../api/client.ts";
import { Alert } from "../../components/Alert.tsx";
import { addMember, listMembers, removeMember, saveMemberRole, searchOrganisations, type MemberPage, type MemberRow, type OrganisationOption } from "./api.ts";
import { ListState } from "../../components/ListState.tsx";

const ADD_BY = ["email", "organisation"] as const;
const formatAddedAt = (language: string, at: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(new Date(at));

const PAGE = 20;

function useMemberList(consultationId: string, q: string, refresh: number) {
  const [pages, setPages] = useState<MemberPage[]>([]);
  const [phase, setPhase] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setPhase("loading");
    listMembers(consultationId, { q: q || undefined, limit: PAGE }, controller.signal).then(
      (page) => {
        setPages([page]);
        setError(null);
        setPhase("ready");
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(err).message);
        setPhase("error");
      },
    );
    return () => controller.abort();
  }, [consultationId, q, refresh]);
  const next = pages.at(-1)?.nextCursor ?? null;
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await listMembers(consultationId, { q: q || undefined, limit: PAGE, cursor: next });
      setPages((p) => [...p, page]);
      setError(null);
    } catch (err) {
      setError(asApiError(err).message);
    }
  };
  return { phase, error, users: pages.flatMap((p) => p.users), organisations: pages[0]?.organisations ?? [], hasMore: next !== null, loadMore };
}

function MemberRowView({ consultationId, m, language, onChanged }: { consultationId: string; m: MemberRow; language: string; onChanged(message: string): void }) {
  const { t } = useTranslation("console");
  const [role, setRole] = useState<ConsultationRole>(m.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await fn());
    } catch (err) {
      setError(asApiError(err).message);
      setRole(m.role);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="member-row">
      <th scope="row">{m.displayName}</th>
      <td>{m.organisations.map((o) => o.name).join(", ") || <span className="muted">{t("members.noOrganisation")}</span>}</td>
      <td>
        <time dateTime={m.addedAt}>{formatAddedAt(language, m.addedAt)}</time>
      </td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          {t("members.roleOf", { name: m.displayName })}
        </label>
        <select id={selectId} className="field__control field__control--inline" value={role} disabled={busy} onChange={(e) => setRole(e.target.value as ConsultationRole)}>
          {CONSULTATION_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        {role !== m.role && (
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={busy}
            onClick={() => void run(async () => (await saveMemberRole(consultationId, m.userId, role), t("members.roleChanged", { name: m.displayName, role: t(`roles.${role}`) })))}
          >
            {t("members.changeRole")}
            <span className="visually-hidden"> {m.displayName}</span>
          </button>
        )}
        {error && <p className="inline-error">{error}</p>}
      </td>
      <td>
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={busy}
          onClick={() => {
            if (window.confirm(t("members.confirmRemove", { name: m.displayName }))) void run(async () => (await removeMember(consultationId, m.userId), t("members.removed", { name: m.displayName })));
          }}
        >
          {t("members.remove")}
          <span className="visually-hidden"> {m.displayName}</span>
        </button>
      </td>
    </tr>
  );
}

function AddMemberForm({ consultationId, onAdded }: { consultationId: string; onAdded(message: string): void }) {
  const { t } = useTranslation("console");
  const [by, setBy] = useState<"email" | "organisation">("email");
  const [email, setEmail] = useState("");
  const [orgQuery, setOrgQuery] = useState("");
  const [orgs, setOrgs] = useState<OrganisationOption[]>([]);
  const [orgId, setOrgId] = useState("");
  const [role, setRole] = useState<ConsultationRole>("participant");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (by !== "organisation") return;
    const controller = new AbortController();
    searchOrganisations(orgQuery.trim(), controller.signal).then(
      (r) => {
        setOrgs(r.items);
        setOrgId((current) => (r.items.some((o) => o.id === current) ? current : (r.items[0]?.id ?? "")));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [by, orgQuery]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (by === "email" && !email.trim()) return setError(t("members.emailRequired"));
    if (by === "organisation" && !orgId) return setError(t("members.organisationRequired"));
    setBusy(true);
    try {
      const member = await addMember(consultationId, by === "email" ? { email: email.trim(), role } : { organisationId: orgId, role });
      setEmail("");
      onAdded(t("members.added", { name: member.displayName ?? member.name ?? "", role: t(`roles.${member.role}`) }));
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const roles = by === "organisation" ? (["participant", "observer"] as const) : CONSULTATION_ROLES;
  return (
    <form className="organiser__form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("members.addTitle")}</h3>
      {error && <Alert>{error}</Alert>}
      <fieldset className="field radios radios--inline">
        <legend className="field__label">{t("members.addBy")}</legend>
        {ADD_BY.map((k) => (
          <div className="radios__item" key={k}>
            <input type="radio" id={`${id}-by-${k}`} name={`${id}-by`} className="radios__input" checked={by === k} onChange={() => (setBy(k), setRole("participant"))} />
            <label htmlFor={`${id}-by-${k}`} className="radios__label">
              {t(`members.by.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {by === "email" ? (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-email`}>
            {t("members.email")}
          </label>
          <p className="field__hint" id={`${id}-email-hint`}>
            {t("members.emailHint")}
          </p>
          <input id={`${id}-email`} type="email" className="field__control" autoComplete="off" spellCheck={false} value={email} aria-describedby={`${id}-email-hint`} onChange={(e) => setEmail(e.target.value)} />
        </div>
      ) : (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-org-q`}>
              {t("members.findOrganisation")}
            </label>
            <input id={`${id}-org-q`} type="search" className="field__control" value={orgQuery} onChange={(e) => setOrgQuery(e.target.value)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-org`}>
              {t("members.organisation")}
            </label>
            <select id={`${id}-org`} className="field__control" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              {orgs.length === 0 && <option value="">{t("members.noOrganisationFound")}</option>}
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-role`}>
          {t("members.role")}
        </label>
        <select id={`${id}-role`} className="field__control" value={role} onChange={(e) => setRole(e.target.value as ConsultationRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={busy}>
        {busy ? t("members.adding") : t("members.add")}
      </button>
    </form>
  );
}

export function MembersPanel({ consultationId }: { consultationId: string }) {
  const { t, i18n } = useTranslation("console");
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [refresh, setRefresh] = useState(0);
  const [status, setStatus] = useState("");
  const list = useMemberList(consultationId, search, refresh);
  const changed = (message: string) => {
    setStatus(message);
    setRefresh((n) => n + 1);
  };
  return (
    <section className="section" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title">{t("members.title")}</h2>
      <form
        role="search"
        aria-label={t("members.searchLabel")}
        className="members__search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label htmlFor="members-q" className="field__label">
          {t("members.search")}
        </label>
        <div className="button-row">
          <input id="members-q" type="search" className="field__control" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
          <button type="submit" className="button button--secondary">
            {t("members.searchButton")}
          </button>
        </div>
      </form>
      <p role="status" className="organiser__status" data-testid="members-status">
        {status}
      </p>
      <ListState
        phase={list.phase}
        error={list.error}
        items={list.users}
        hasMore={list.hasMore}
        loadMore={list.loadMore}
        words={{ loading: t("members.loading"), empty: search ? t("members.noneFound") : t("members.none"), more: t("members.more") }}
      >
        {(users) => (
          <div className="table-scroll">
            <table className="console-table">
              <caption className="visually-hidden">{t("members.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("members.name")}</th>
                  <th scope="col">{t("members.organisation")}</th>
                  <th scope="col">{t("members.addedAt")}</th>
                  <th scope="col">{t("members.role")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((m) => (
                  <MemberRowView key={`${m.userId}-${m.role}`} consultationId={consultationId} m={m} language={i18n.language} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListState>
      {list.organisations.length > 0 && (
        <>
          <h3>{t("members.organisationsTitle")}</h3>
          <ul className="plain-list" data-testid="member-organisations">
            {list.organisations.map((o) => (
              <li key={o.organisationId}>
                {o.name} — {t(`roles.${o.role}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <AddMemberForm consultationId={consultationId} onAdded={changed} />
      <InviteByEmailForm consultationId={consultationId} />
    </section>
  );
}
