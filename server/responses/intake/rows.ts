// Responses taken in from other channels (email and paper through an import, partners' forms through the
// API) are checked by the same rules as the web form (shared/questionnaire/validate.ts) plus what a form
// would have asked: a stakeholder category, a consent choice, names consistent with it.
//
// The import layout (README "Importing responses"): one row per response, a header row naming columns:
//   channel      email | paper (required)
//   category     a stakeholder category key (required), e.g. individual, industry
//   consent      publish_named | publish_anonymous | do_not_publish (required)
//   name         the respondent's name (optional; shown only with publish_named)
//   organisation the organisation's name (optional; then consent cannot be anonymous)
//   register_number  its transparency register number (optional)
//   country      ISO 3166-1 alpha-2 (optional)
//   <question key>  one column per question answered: an option key; several keys separated by "|"
//                (multiple choice, ranking); a number (number, scale); "row=column|row=column" (matrix);
//                the text (text questions); for a file-upload question, the paths of its files inside
//                the ZIP the sheet came in, separated by "|" (intake/bundle.ts).
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from "../../../shared/categories.ts";
import { allQuestions, validateAnswers, type Issue } from "../../../shared/questionnaire/validate.ts";
import type { PendingFile } from "./bundle.ts";
import { CONSENT_CHOICES, zCountry, type ConsentChoice, type TAnswers, type TAnswerValue, type TQuestion, type TQuestionnaire } from "../../../shared/schemas/responses.ts";

export const IMPORT_CHANNELS = ["email", "paper"] as const;
export const FIXED_COLUMNS = ["channel", "category", "consent", "name", "organisation", "register_number", "country"] as const;
const NAME_MAX = 300;

export interface IntakeResponse {
  channel: "email" | "paper" | "partner";
  category: StakeholderCategory;
  consent: ConsentChoice;
  name: string | null;
  organisation: string | null;
  registerNumber: string | null;
  country: string | null;
  answers: TAnswers;
  externalRef?: string | null;
}

/** One cell as the answer its question takes (validateAnswers then checks it fits). */
export function parseAnswerCell(question: TQuestion, cell: string): TAnswerValue | string {
  const v = cell.trim();
  const list = () => v.split("|").map((s) => s.trim()).filter(Boolean);
  switch (question.type) {
    case "multiple_choice":
    case "ranking":
      return list();
    case "number":
    case "scale": {
      const n = Number(v.replace(",", "."));
      return Number.isFinite(n) && v !== "" ? n : "must be a number";
    }
    case "matrix": {
      const out: Record<string, string> = {};
      for (const pair of list()) {
        const [row, column] = pair.split("=").map((s) => s.trim());
        if (!row || !column) return `must be "row=column" pairs separated by "|" ("${pair}" is not one)`;
        out[row] = column;
      }
      return out;
    }
    case "file_upload":
      return list();
    case "long_text":
      return cell.replace(/\r\n/g, "\n").trim();
    default:
      return v;
  }
}

/** Rules that hold however a response arrives: names and consent agree, answers fit the questionnaire. */
export function checkIntake(q: TQuestionnaire, r: IntakeResponse, prefix: string, opts: { files?: boolean } = {}): { issues: Issue[]; answers: TAnswers } {
  const issues: Issue[] = [];
  if (r.organisation && r.consent === "publish_anonymous") issues.push({ path: `${prefix}consent`, message: "cannot be anonymous for an organisation: organisations are always named" });
  if (r.name && r.name.length > NAME_MAX) issues.push({ path: `${prefix}name`, message: `must be at most ${NAME_MAX} characters` });
  if (r.organisation && r.organisation.length > NAME_MAX) issues.push({ path: `${prefix}organisation`, message: `must be at most ${NAME_MAX} characters` });
  const files = allQuestions(q).filter((x) => x.type === "file_upload" && r.answers[x.key] !== undefined);
  if (!opts.files) for (const f of files) issues.push({ path: `${prefix}answers.${f.key}`, message: `is a file-upload question: send its files as multipart/form-data parts named "${f.key}"` });
  const checked = validateAnswers(q, r.answers, { final: true });
  issues.push(...checked.issues.map((i) => ({ path: prefix + i.path, message: i.message })));
  return { issues, answers: checked.answers };
}

/** A row of the import, by header, into an intake response; or what is wrong with it, field by field. */
export interface RowFiles {
  /** The paths inside the uploaded ZIP; null when the sheet came alone (then no file can be named). */
  names: Set<string> | null;
  newId(): string;
}

export function responseFromRow(q: TQuestionnaire, row: Record<string, string>, rowNumber: number, files: RowFiles = { names: null, newId: () => "" }): { response: IntakeResponse | null; issues: Issue[]; pending: PendingFile[] } {
  const at = (field: string) => `rows.${rowNumber}.${field}`;
  const issues: Issue[] = [];
  const get = (k: string) => (row[k] ?? "").trim();
  const channel = get("channel").toLowerCase();
  if (!(IMPORT_CHANNELS as readonly string[]).includes(channel)) issues.push({ path: at("channel"), message: `must be one of ${IMPORT_CHANNELS.join(", ")}` });
  const category = get("category");
  if (!(STAKEHOLDER_CATEGORIES as readonly string[]).includes(category)) issues.push({ path: at("category"), message: `must be one of ${STAKEHOLDER_CATEGORIES.join(", ")}` });
  const consent = get("consent");
  if (!(CONSENT_CHOICES as readonly string[]).includes(consent)) issues.push({ path: at("consent"), message: `must be one of ${CONSENT_CHOICES.join(", ")}` });
  let country: string | null = null;
  if (get("country")) {
    const parsed = zCountry.safeParse(get("country"));
    if (parsed.success) country = parsed.data;
    else issues.push({ path: at("country"), message: "must be a two-letter country code" });
  }
  const answers: TAnswers = {};
  const pending: PendingFile[] = [];
  for (const question of allQuestions(q)) {
    const cell = row[question.key];
    if (cell === undefined || cell.trim() === "") continue;
    const v = parseAnswerCell(question, cell);
    if (question.type === "file_upload") {
      if (!files.names) {
        issues.push({ path: at(question.key), message: "names files: import a ZIP holding the sheet (responses.csv or responses.xlsx) and these files" });
        continue;
      }
      const names = v as string[];
      const missing = names.filter((n) => !files.names!.has(n));
      for (const n of missing) issues.push({ path: at(question.key), message: `"${n.slice(0, 120)}" is not in the ZIP` });
      if (missing.length) continue;
      const ids = names.map((name) => {
        const id = files.newId();
        pending.push({ id, questionKey: question.key, name, path: at(question.key) });
        return id;
      });
      answers[question.key] = ids;
      continue;
    }
    if (typeof v === "string" && (question.type === "number" || question.type === "scale" || question.type === "matrix")) {
      issues.push({ path: at(question.key), message: v });
      continue;
    }
    answers[question.key] = v;
  }
  if (issues.length) return { response: null, issues, pending: [] };
  const response: IntakeResponse = {
    channel: channel as "email" | "paper",
    category: category as StakeholderCategory,
    consent: consent as ConsentChoice,
    name: get("name") || null,
    organisation: get("organisation") || null,
    registerNumber: get("register_number") || null,
    country,
    answers,
  };
  // Answer problems are reported under the row and the question's column, as the file names them.
  const checked = checkIntake(q, response, `rows.${rowNumber}.`, { files: true });
  const renamed = checked.issues.map((i) => ({ ...i, path: i.path.replace(`rows.${rowNumber}.answers.`, `rows.${rowNumber}.`) }));
  return renamed.length ? { response: null, issues: renamed, pending: [] } : { response: { ...response, answers: checked.answers }, issues: [], pending: pending.filter((p) => listed(checked.answers, p)) };
}

/** A file is kept only if the checked answers still list it (a question hidden by its condition loses its answer). */
const listed = (answers: TAnswers, p: PendingFile) => Array.isArray(answers[p.questionKey]) && (answers[p.questionKey] as string[]).includes(p.id);

/** Header problems: unknown columns (a typo would silently drop answers), missing required ones. */
export function checkHeader(q: TQuestionnaire, header: string[]): Issue[] {
  const known = new Set<string>([...FIXED_COLUMNS, ...allQuestions(q).map((x) => x.key)]);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (!known.has(h)) issues.push({ path: `header.${i}`, message: `"${h.slice(0, 60)}" is neither a fixed column (${FIXED_COLUMNS.join(", ")}) nor a question key` });
    if (seen.has(h)) issues.push({ path: `header.${i}`, message: `"${h.slice(0, 60)}" appears twice` });
    seen.add(h);
  });
  for (const required of ["channel", "category", "consent"]) if (!seen.has(required)) issues.push({ path: "header", message: `needs a "${required}" column` });
  return issues;
}
