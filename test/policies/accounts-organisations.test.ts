// Permission matrices, without a database: every actor x object state x action, computed with nested loops over
// the full sets and compared with a table written out by hand. A changed rule (or a new role or action that
// nobody thought about) changes the computed table and fails here, with a readable diff.
import { describe, expect, it } from "vitest";
import { accountPolicy, type AccountFacts } from "../../server/accounts/policy.ts";
import { organisationPolicy, type OrganisationFacts } from "../../server/organisations/policy.ts";
import { canActAgainst, canGrantRole, effectiveRank, higherRole, rankValue, type Rank } from "../../server/accounts/roles.ts";
import type { Actor } from "../../server/accounts/actor.ts";
import { CONSULTATION_ROLES, ORGANISATION_ROLES, type ConsultationRole } from "../../shared/categories.ts";

/**
 * Reads a whitespace-separated table. The first line names the columns after `keyColumns` key columns;
 * each other line becomes "key1 key2 column" -> cell. "Y" and "-" are read as true and false.
 */
function readTable(text: string, keyColumns: number): Record<string, string | boolean> {
  const [header, ...rows] = text.trim().split("\n").map((l) => l.trim().split(/\s+/));
  const columns = header!.slice(keyColumns);
  const out: Record<string, string | boolean> = {};
  for (const row of rows) {
    expect(row.length, row.join(" ")).toBe(keyColumns + columns.length);
    const key = row.slice(0, keyColumns).join(" ");
    columns.forEach((col, i) => {
      const cell = row[keyColumns + i]!;
      out[`${key} ${col}`] = cell === "Y" ? true : cell === "-" ? false : cell;
    });
  }
  return out;
}

const ACTORS: Record<string, Actor | null> = {
  anonymous: null,
  participant: { id: "actor", isAdmin: false },
  admin: { id: "actor", isAdmin: true },
};

describe("accountPolicy", () => {
  const ACTIONS = Object.keys(accountPolicy) as (keyof typeof accountPolicy)[];

  /** The accounts each actor can meet: itself (when logged in) and others of each kind. */
  function targets(actor: Actor | null): Record<string, AccountFacts> {
    return {
      ...(actor ? { self: { id: actor.id, isAdmin: actor.isAdmin } } : {}),
      "other-participant": { id: "other", isAdmin: false },
      "other-admin": { id: "other", isAdmin: true },
    };
  }

  const EXPECTED = readTable(
    `
    actor        target             list  suspend  reinstate  grantAdmin  revokeAdmin
    anonymous    other-participant  -     -        -          -           -
    anonymous    other-admin        -     -        -          -           -
    participant  self               -     -        -          -           -
    participant  other-participant  -     -        -          -           -
    participant  other-admin        -     -        -          -           -
    admin        self               Y     -        -          -           -
    admin        other-participant  Y     Y        Y          Y           -
    admin        other-admin        Y     -        Y          -           -
    `,
    2,
  );

  it("matches the expectation table for every actor x target x action", () => {
    const actual: Record<string, boolean> = {};
    for (const [actorName, actor] of Object.entries(ACTORS)) {
      for (const [targetName, target] of Object.entries(targets(actor))) {
        for (const action of ACTIONS) {
          actual[`${actorName} ${targetName} ${action}`] = accountPolicy[action](actor, target);
        }
      }
    }
    expect(actual).toEqual(EXPECTED);
  });
});

describe("organisationPolicy", () => {
  const ACTIONS = Object.keys(organisationPolicy) as (keyof typeof organisationPolicy)[];
  const ROLES = ["none", ...ORGANISATION_ROLES] as const;

  const EXPECTED = readTable(
    `
    actor        verified    role            create  verify  manageMembers  speakFor  seeMembers
    anonymous    unverified  none            -       -       -              -         -
    anonymous    verified    none            -       -       -              -         -
    participant  unverified  none            Y       -       -              -         -
    participant  unverified  member          Y       -       -              -         Y
    participant  unverified  representative  Y       -       -              -         Y
    participant  verified    none            Y       -       -              -         -
    participant  verified    member          Y       -       -              -         Y
    participant  verified    representative  Y       -       Y              Y         Y
    admin        unverified  none            Y       Y       Y              -         Y
    admin        unverified  member          Y       Y       Y              -         Y
    admin        unverified  representative  Y       Y       Y              -         Y
    admin        verified    none            Y       Y       Y              -         Y
    admin        verified    member          Y       Y       Y              -         Y
    admin        verified    representative  Y       Y       Y              Y         Y
    `,
    3,
  );

  it("matches the expectation table for every actor x verification x membership x action", () => {
    const actual: Record<string, boolean> = {};
    for (const [actorName, actor] of Object.entries(ACTORS)) {
      for (const verified of [false, true]) {
        // Anonymous callers cannot be members of anything.
        for (const role of actor ? ROLES : (["none"] as const)) {
          const facts: OrganisationFacts = { verified, actorRole: role === "none" ? null : role };
          for (const action of ACTIONS) {
            actual[`${actorName} ${verified ? "verified" : "unverified"} ${role} ${action}`] = organisationPolicy[action](actor, facts);
          }
        }
      }
    }
    expect(actual).toEqual(EXPECTED);
  });

  it("lets only a representative of a verified organisation speak for it, admins included", () => {
    const admin = ACTORS.admin!;
    expect(organisationPolicy.speakFor(admin, { verified: true, actorRole: null })).toBe(false);
    expect(organisationPolicy.speakFor(admin, { verified: false, actorRole: "representative" })).toBe(false);
  });
});

describe("role hierarchy", () => {
  const RANKS: Rank[] = ["admin", ...CONSULTATION_ROLES, "none"];
  const ROLE_OR_NOTHING = [...CONSULTATION_ROLES, null, undefined] as const;
  const label = (v: unknown) => (v === undefined ? "undefined" : v === null ? "null" : String(v));

  it("ranks admin > organiser > moderator > analyst > participant > observer > none", () => {
    const values = RANKS.map(rankValue);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(new Set(values).size).toBe(RANKS.length);
  });

  it("canActAgainst: strictly lower ranks only, never oneself", () => {
    const EXPECTED = readTable(
      `
      same   actor        admin        organiser    moderator    analyst      participant  observer     none
      other  admin        -            Y            Y            Y            Y            Y            Y
      other  organiser    -            -            Y            Y            Y            Y            Y
      other  moderator    -            -            -            Y            Y            Y            Y
      other  analyst      -            -            -            -            Y            Y            Y
      other  participant  -            -            -            -            -            Y            Y
      other  observer     -            -            -            -            -            -            Y
      other  none         -            -            -            -            -            -            -
      self   admin        -            -            -            -            -            -            -
      self   organiser    -            -            -            -            -            -            -
      self   moderator    -            -            -            -            -            -            -
      self   analyst      -            -            -            -            -            -            -
      self   participant  -            -            -            -            -            -            -
      self   observer     -            -            -            -            -            -            -
      self   none         -            -            -            -            -            -            -
      `,
      2,
    );
    const actual: Record<string, boolean> = {};
    for (const sameUser of [false, true]) {
      for (const actor of RANKS) {
        for (const target of RANKS) actual[`${sameUser ? "self" : "other"} ${actor} ${target}`] = canActAgainst(actor, target, sameUser);
      }
    }
    expect(actual).toEqual(EXPECTED);
  });

  it("canGrantRole: organisers and admins, up to their own rank", () => {
    const EXPECTED = readTable(
      `
      actor        organiser    moderator    analyst      participant  observer
      admin        Y            Y            Y            Y            Y
      organiser    Y            Y            Y            Y            Y
      moderator    -            -            -            -            -
      analyst      -            -            -            -            -
      participant  -            -            -            -            -
      observer     -            -            -            -            -
      none         -            -            -            -            -
      `,
      1,
    );
    const actual: Record<string, boolean> = {};
    for (const actor of RANKS) {
      for (const role of CONSULTATION_ROLES) actual[`${actor} ${role}`] = canGrantRole(actor, role);
    }
    expect(actual).toEqual(EXPECTED);
  });

  it("higherRole: the higher of two roles, null when neither is set", () => {
    const EXPECTED = readTable(
      `
      a            organiser    moderator    analyst      participant  observer     null         undefined
      organiser    organiser    organiser    organiser    organiser    organiser    organiser    organiser
      moderator    organiser    moderator    moderator    moderator    moderator    moderator    moderator
      analyst      organiser    moderator    analyst      analyst      analyst      analyst      analyst
      participant  organiser    moderator    analyst      participant  participant  participant  participant
      observer     organiser    moderator    analyst      participant  observer     observer     observer
      null         organiser    moderator    analyst      participant  observer     null         null
      undefined    organiser    moderator    analyst      participant  observer     null         null
      `,
      1,
    );
    const actual: Record<string, string> = {};
    for (const a of ROLE_OR_NOTHING) {
      for (const b of ROLE_OR_NOTHING) actual[`${label(a)} ${label(b)}`] = label(higherRole(a as ConsultationRole | null | undefined, b));
    }
    expect(actual).toEqual(EXPECTED);
  });

  it("effectiveRank: admin above everything, else the consultation role, else none", () => {
    const EXPECTED = readTable(
      `
      isAdmin  organiser  moderator  analyst  participant  observer  null  undefined
      true     admin      admin      admin    admin        admin     admin admin
      false    organiser  moderator  analyst  participant  observer  none  none
      `,
      1,
    );
    const actual: Record<string, string> = {};
    for (const isAdmin of [true, false]) {
      for (const role of ROLE_OR_NOTHING) actual[`${isAdmin} ${label(role)}`] = effectiveRank({ isAdmin, role });
    }
    expect(actual).toEqual(EXPECTED);
  });
});
