// The rules of a questionnaire that a schema cannot express, as pure functions: the server refuses with
// them and the respondent's form shows the same messages as the person types.
//
// checkQuestionnaire: a definition holds together (unique keys, conditions pointing at EARLIER questions
// of a fitting type, bounds in order). validateAnswers: an answer set fits a questionnaire. A question is
// shown when it has no condition or its condition holds on the answers; a condition on a question that is
// itself hidden never holds (its answer does not count), so hiding cascades down a chain. Answers to
// hidden questions are dropped from the result, never stored: a person who changed an earlier answer
// should not have a stale answer to a question they can no longer see submitted in their name.
import type { TAnswers, TAnswerValue, TCondition, TQuestion, TQuestionnaire } from "../schemas/responses.ts";

export interface Issue {
  /** Dotted path: "sections.0.questions.2.showIf.questionKey", or "answers.<question key>". */
  path: string;
  message: string;
}

const CHOICE_TYPES = new Set(["single_choice", "multiple_choice"]);
const NUMERIC_TYPES = new Set(["scale", "number"]);

export function allQuestions(q: TQuestionnaire): TQuestion[] {
  return q.sections.flatMap((s) => s.questions);
}

function duplicates(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return dup;
}

/** Structural problems of a definition; empty when it can be saved. */
export function checkQuestionnaire(q: TQuestionnaire): Issue[] {
  const issues: Issue[] = [];
  const seenSection = new Set<string>();
  const earlier = new Map<string, TQuestion>();
  const seenQuestion = new Set<string>();
  q.sections.forEach((section, si) => {
    if (seenSection.has(section.key)) issues.push({ path: `sections.${si}.key`, message: `"${section.key}" is used by another section` });
    seenSection.add(section.key);
    section.questions.forEach((question, qi) => {
      const at = `sections.${si}.questions.${qi}`;
      if (seenQuestion.has(question.key)) issues.push({ path: `${at}.key`, message: `"${question.key}" is used by another question` });
      seenQuestion.add(question.key);
      issues.push(...checkQuestion(question, at));
      if (question.showIf) issues.push(...checkCondition(question.showIf, earlier, `${at}.showIf`));
      earlier.set(question.key, question);
    });
  });
  return issues;
}

function checkQuestion(question: TQuestion, at: string): Issue[] {
  const issues: Issue[] = [];
  const keysOf = (list: { key: string }[], field: string) => {
    const dup = duplicates(list.map((o) => o.key));
    list.forEach((o, i) => dup.has(o.key) && issues.push({ path: `${at}.${field}.${i}.key`, message: `"${o.key}" is used twice in this question` }));
  };
  switch (question.type) {
    case "single_choice":
    case "ranking":
      keysOf(question.options, "options");
      break;
    case "multiple_choice":
      keysOf(question.options, "options");
      if (question.maxChoices !== undefined && question.maxChoices > question.options.length)
        issues.push({ path: `${at}.maxChoices`, message: "must not exceed the number of options" });
      if (question.minChoices !== undefined && question.maxChoices !== undefined && question.minChoices > question.maxChoices)
        issues.push({ path: `${at}.minChoices`, message: "must not exceed maxChoices" });
      if (question.minChoices !== undefined && question.minChoices > question.options.length)
        issues.push({ path: `${at}.minChoices`, message: "must not exceed the number of options" });
      break;
    case "matrix":
      keysOf(question.rows, "rows");
      keysOf(question.columns, "columns");
      break;
    case "scale":
      if (question.min >= question.max) issues.push({ path: `${at}.max`, message: "must be greater than min" });
      break;
    case "number":
      if (question.min !== undefined && question.max !== undefined && question.min > question.max)
        issues.push({ path: `${at}.max`, message: "must not be less than min" });
      break;
    default:
      break;
  }
  return issues;
}

function checkCondition(c: TCondition, earlier: Map<string, TQuestion>, at: string): Issue[] {
  const target = earlier.get(c.questionKey);
  if (!target) return [{ path: `${at}.questionKey`, message: `must name an earlier question ("${c.questionKey}" is not one)` }];
  if (c.kind === "choice") {
    if (!CHOICE_TYPES.has(target.type)) return [{ path: `${at}.kind`, message: `"choice" needs a single or multiple choice question; "${c.questionKey}" is ${target.type}` }];
    const options = new Set((target as { options: { key: string }[] }).options.map((o) => o.key));
    return c.anyOf.flatMap((k, i) => (options.has(k) ? [] : [{ path: `${at}.anyOf.${i}`, message: `"${k}" is not an option of "${c.questionKey}"` }]));
  }
  if (c.kind === "range") {
    if (!NUMERIC_TYPES.has(target.type)) return [{ path: `${at}.kind`, message: `"range" needs a scale or number question; "${c.questionKey}" is ${target.type}` }];
    if (c.min === undefined && c.max === undefined) return [{ path: `${at}`, message: "needs min, max or both" }];
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) return [{ path: `${at}.max`, message: "must not be less than min" }];
  }
  return [];
}

const isAnswered = (v: TAnswerValue | undefined): boolean => {
  if (v === undefined) return false;
  if (typeof v === "string") return v.trim().length > 0;
  if (typeof v === "number") return true;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
};

function holds(c: TCondition, answers: TAnswers, shown: Set<string>): boolean {
  if (!shown.has(c.questionKey)) return false;
  const v = answers[c.questionKey];
  if (!isAnswered(v)) return false;
  if (c.kind === "answered") return true;
  if (c.kind === "choice") {
    const chosen = typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
    return chosen.some((k) => c.anyOf.includes(k));
  }
  if (typeof v !== "number") return false;
  return (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
}

/** Keys of the questions shown for these answers, in questionnaire order. */
export function shownQuestionKeys(q: TQuestionnaire, answers: TAnswers): Set<string> {
  const shown = new Set<string>();
  for (const question of allQuestions(q)) {
    if (!question.showIf || holds(question.showIf, answers, shown)) shown.add(question.key);
  }
  return shown;
}

/** Problems of one answer with its question's type and bounds (null: fits). Required-ness is checked apart. */
export function checkAnswer(question: TQuestion, v: TAnswerValue): string | null {
  const keys = (list: { key: string }[]) => new Set(list.map((o) => o.key));
  const isKeyList = Array.isArray(v);
  switch (question.type) {
    case "single_choice":
      if (typeof v !== "string") return "must be one option";
      return keys(question.options).has(v) ? null : `"${v}" is not an option`;
    case "multiple_choice": {
      if (!isKeyList) return "must be a list of options";
      const options = keys(question.options);
      const bad = v.find((k) => !options.has(k));
      if (bad !== undefined) return `"${bad}" is not an option`;
      if (new Set(v).size !== v.length) return "lists an option twice";
      if (v.length > 0 && question.minChoices !== undefined && v.length < question.minChoices) return `needs at least ${question.minChoices} choices`;
      if (question.maxChoices !== undefined && v.length > question.maxChoices) return `allows at most ${question.maxChoices} choices`;
      return null;
    }
    case "ranking": {
      if (!isKeyList) return "must be a list of options, best first";
      const options = keys(question.options);
      const bad = v.find((k) => !options.has(k));
      if (bad !== undefined) return `"${bad}" is not an option`;
      if (new Set(v).size !== v.length) return "ranks an option twice";
      if (question.rankAll && v.length > 0 && v.length !== options.size) return `must rank all ${options.size} options`;
      return null;
    }
    case "matrix": {
      if (typeof v !== "object" || isKeyList) return "must give a column for each row";
      const rows = keys(question.rows);
      const columns = keys(question.columns);
      for (const [row, column] of Object.entries(v)) {
        if (!rows.has(row)) return `"${row}" is not a row`;
        if (!columns.has(column)) return `"${column}" is not a column (row "${row}")`;
      }
      return null;
    }
    case "short_text":
    case "long_text": {
      if (typeof v !== "string") return "must be text";
      if (question.type === "short_text" && v.includes("\n")) return "must be one line";
      const max = question.maxLength ?? (question.type === "short_text" ? 500 : 20_000);
      return [...v].length > max ? `must be at most ${max} characters` : null;
    }
    case "number":
      if (typeof v !== "number") return "must be a number";
      if (question.integer && !Number.isInteger(v)) return "must be a whole number";
      if (question.min !== undefined && v < question.min) return `must be at least ${question.min}`;
      if (question.max !== undefined && v > question.max) return `must be at most ${question.max}`;
      return null;
    case "scale":
      if (typeof v !== "number" || !Number.isInteger(v)) return "must be a whole number on the scale";
      return v < question.min || v > question.max ? `must be between ${question.min} and ${question.max}` : null;
    case "file_upload":
      if (!isKeyList) return "must be a list of uploaded files";
      if (new Set(v).size !== v.length) return "lists a file twice";
      return v.length > question.maxFiles ? `allows at most ${question.maxFiles} files` : null;
  }
}

/** A matrix question is complete when every row has a column. */
function isComplete(question: TQuestion, v: TAnswerValue | undefined): boolean {
  if (!isAnswered(v)) return false;
  if (question.type === "matrix") return question.rows.every((r) => (v as Record<string, string>)[r.key] !== undefined);
  return true;
}

export interface ValidatedAnswers {
  issues: Issue[];
  /** The answers to shown questions only (empty answers left out), as they should be stored. */
  answers: TAnswers;
  shown: Set<string>;
}

/**
 * Checks an answer set. A draft (`final: false`) may leave anything out; a submission (`final: true`)
 * must answer every required question that is shown. Answers to unknown questions are refused either way.
 */
export function validateAnswers(q: TQuestionnaire, answers: TAnswers, opts: { final: boolean }): ValidatedAnswers {
  const issues: Issue[] = [];
  const byKey = new Map(allQuestions(q).map((question) => [question.key, question]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) issues.push({ path: `answers.${key}`, message: "is not a question of this questionnaire" });
  }
  const shown = shownQuestionKeys(q, answers);
  const kept: TAnswers = {};
  for (const question of allQuestions(q)) {
    const v = answers[question.key];
    if (!shown.has(question.key)) continue;
    if (isAnswered(v)) {
      const problem = checkAnswer(question, v!);
      if (problem) issues.push({ path: `answers.${question.key}`, message: problem });
      else kept[question.key] = v!;
    }
    if (opts.final && question.required && !isComplete(question, v)) {
      issues.push({ path: `answers.${question.key}`, message: question.type === "matrix" && isAnswered(v) ? "needs a column for every row" : "is required" });
    }
  }
  return { issues, answers: kept, shown };
}
