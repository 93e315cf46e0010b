// The questionnaire rules as pure functions: every question type with answers that fit and answers that do
// not, every kind of condition (and hiding that cascades), required-when-shown, and the structural checks
// of a definition. The API tests (questionnaire-api.test.ts) show the server applies these same rules.
import { describe, expect, it } from "vitest";
import { checkAnswer, checkQuestionnaire, shownQuestionKeys, validateAnswers } from "../../shared/questionnaire/validate.ts";
import { zPutQuestionnaireBody, type TAnswers, type TQuestion, type TQuestionnaire } from "../../shared/schemas/responses.ts";

const opts = (...keys: string[]) => keys.map((key) => ({ key, label: key.toUpperCase() }));
const build = (input: unknown): TQuestionnaire => zPutQuestionnaireBody.parse(input);
const question = (q: Record<string, unknown>): TQuestion => build({ title: "T", sections: [{ key: "s", title: "S", questions: [{ key: "q", label: "Q", ...q }] }] }).sections[0]!.questions[0]!;

describe("every question type", () => {
  const cases: { q: Record<string, unknown>; fits: unknown[]; refused: [unknown, RegExp][] }[] = [
    { q: { type: "single_choice", options: opts("yes", "no") }, fits: ["yes", "no"], refused: [["maybe", /not an option/], [["yes"], /one option/], [3, /one option/]] },
    {
      q: { type: "multiple_choice", options: opts("a", "b", "c"), minChoices: 2, maxChoices: 2 },
      fits: [["a", "b"], ["c", "a"]],
      refused: [[["a"], /at least 2/], [["a", "b", "c"], /at most 2/], [["a", "a"], /twice/], [["z", "a"], /"z" is not an option/], ["a", /list of options/]],
    },
    { q: { type: "scale", min: 1, max: 5 }, fits: [1, 3, 5], refused: [[0, /between 1 and 5/], [6, /between 1 and 5/], [2.5, /whole number/], ["3", /whole number/]] },
    {
      q: { type: "ranking", options: opts("x", "y", "z"), rankAll: true },
      fits: [["z", "x", "y"]],
      refused: [[["x", "y"], /all 3 options/], [["x", "x", "y"], /twice/], [["w", "x", "y"], /not an option/], ["x", /list of options/]],
    },
    { q: { type: "ranking", options: opts("x", "y", "z") }, fits: [["y"], ["y", "x"]], refused: [[["q"], /not an option/]] },
    {
      q: { type: "matrix", rows: opts("r1", "r2"), columns: opts("agree", "disagree") },
      fits: [{ r1: "agree", r2: "disagree" }, { r1: "agree" }],
      refused: [[{ r3: "agree" }, /"r3" is not a row/], [{ r1: "maybe" }, /not a column/], [["agree"], /column for each row/], ["agree", /column for each row/]],
    },
    { q: { type: "short_text", maxLength: 10 }, fits: ["short", "ten chars!"], refused: [["eleven chars", /at most 10/], ["two\nlines", /one line/], [5, /text/]] },
    { q: { type: "long_text", maxLength: 20 }, fits: ["two\nlines are fine"], refused: [["x".repeat(21), /at most 20/], [["x"], /text/]] },
    { q: { type: "number", min: 0, max: 100, integer: true }, fits: [0, 42, 100], refused: [[-1, /at least 0/], [101, /at most 100/], [1.5, /whole number/], ["42", /a number/]] },
    { q: { type: "number" }, fits: [-3.25, 1e9], refused: [["x", /a number/]] },
    { q: { type: "file_upload", maxFiles: 2 }, fits: [["f1"], ["f1", "f2"]], refused: [[["f1", "f2", "f3"], /at most 2 files/], [["f1", "f1"], /twice/], ["f1", /list of uploaded files/]] },
  ];
  for (const c of cases) {
    it(`${c.q.type}${c.q.type === "ranking" && c.q.rankAll ? " (rank all)" : ""}: fitting answers pass, others are refused with a reason`, () => {
      const q = question(c.q);
      for (const v of c.fits) expect(checkAnswer(q, v as never), JSON.stringify(v)).toBeNull();
      for (const [v, reason] of c.refused) expect(checkAnswer(q, v as never), JSON.stringify(v)).toMatch(reason);
    });
  }

  it("a required question of each type must be answered in a submission, not in a draft", () => {
    for (const c of cases) {
      const q = build({ title: "T", sections: [{ key: "s", title: "S", questions: [{ key: "q", label: "Q", required: true, ...c.q }] }] });
      expect(validateAnswers(q, {}, { final: false }).issues).toEqual([]);
      expect(validateAnswers(q, {}, { final: true }).issues, String(c.q.type)).toEqual([{ path: "answers.q", message: "is required" }]);
      // An empty answer counts as none.
      const empty = c.q.type === "matrix" ? {} : typeof c.fits[0] === "string" ? "  " : Array.isArray(c.fits[0]) ? [] : undefined;
      if (empty !== undefined) expect(validateAnswers(q, { q: empty } as TAnswers, { final: true }).issues).toEqual([{ path: "answers.q", message: "is required" }]);
      expect(validateAnswers(q, { q: c.fits[0] } as TAnswers, { final: true }).issues, String(c.q.type)).toEqual(
        c.q.type === "matrix" && Object.keys(c.fits[0] as object).length < 2 ? [{ path: "answers.q", message: "needs a column for every row" }] : [],
      );
    }
  });

  it("a required matrix needs every row; an optional one may be partial", () => {
    const matrix = (required: boolean) => build({ title: "T", sections: [{ key: "s", title: "S", questions: [{ key: "m", label: "M", type: "matrix", required, rows: opts("r1", "r2"), columns: opts("yes", "no") }] }] });
    expect(validateAnswers(matrix(true), { m: { r1: "yes" } }, { final: true }).issues).toEqual([{ path: "answers.m", message: "needs a column for every row" }]);
    expect(validateAnswers(matrix(false), { m: { r1: "yes" } }, { final: true }).issues).toEqual([]);
  });
});

describe("conditional display", () => {
  const q = build({
    title: "Conditions",
    sections: [
      {
        key: "about",
        title: "About you",
        questions: [
          { key: "role", label: "You are", type: "single_choice", required: true, options: opts("parent", "teacher", "other") },
          { key: "children", label: "How many children?", type: "number", integer: true, min: 0, required: true, showIf: { kind: "choice", questionKey: "role", anyOf: ["parent"] } },
          { key: "ages", label: "Their ages", type: "multiple_choice", options: opts("u6", "u12", "teen"), required: true, showIf: { kind: "range", questionKey: "children", min: 1 } },
          { key: "teen_apps", label: "Which apps do your teenagers use?", type: "long_text", required: true, showIf: { kind: "choice", questionKey: "ages", anyOf: ["teen"] } },
        ],
      },
      {
        key: "views",
        title: "Your views",
        questions: [
          { key: "trust", label: "Trust in platforms", type: "scale", min: 1, max: 5, required: true },
          { key: "why_low", label: "Why so low?", type: "short_text", required: true, showIf: { kind: "range", questionKey: "trust", max: 2 } },
          { key: "comment", label: "Anything else?", type: "long_text" },
          { key: "more", label: "Tell us more", type: "long_text", required: true, showIf: { kind: "answered", questionKey: "comment" } },
        ],
      },
    ],
  });

  it("the definition holds together", () => {
    expect(checkQuestionnaire(q)).toEqual([]);
  });

  it("choice, range and answered conditions show and hide questions", () => {
    expect([...shownQuestionKeys(q, { role: "teacher", trust: 4 })]).toEqual(["role", "trust", "comment"]);
    expect([...shownQuestionKeys(q, { role: "parent", children: 0, trust: 2 })]).toEqual(["role", "children", "trust", "why_low", "comment"]);
    expect([...shownQuestionKeys(q, { role: "parent", children: 2, ages: ["u6", "teen"], trust: 5, comment: "x" })]).toEqual(["role", "children", "ages", "teen_apps", "trust", "comment", "more"]);
  });

  it("hiding cascades: an answer to a hidden question satisfies no condition, and is dropped", () => {
    const answers: TAnswers = { role: "teacher", children: 3, ages: ["teen"], teen_apps: "Lots", trust: 5 };
    expect([...shownQuestionKeys(q, answers)]).toEqual(["role", "trust", "comment"]);
    const result = validateAnswers(q, answers, { final: true });
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual({ role: "teacher", trust: 5 });
  });

  it("a required question is required only when shown", () => {
    expect(validateAnswers(q, { role: "teacher", trust: 3 }, { final: true }).issues).toEqual([]);
    expect(validateAnswers(q, { role: "parent", trust: 1 }, { final: true }).issues).toEqual([
      { path: "answers.children", message: "is required" },
      { path: "answers.why_low", message: "is required" },
    ]);
    expect(validateAnswers(q, { role: "parent", children: 1, ages: ["teen"], trust: 3, comment: "Also" }, { final: true }).issues).toEqual([
      { path: "answers.teen_apps", message: "is required" },
      { path: "answers.more", message: "is required" },
    ]);
  });

  it("unknown questions are refused, in drafts too; bad answers are named by question", () => {
    expect(validateAnswers(q, { nope: "x" }, { final: false }).issues).toEqual([{ path: "answers.nope", message: "is not a question of this questionnaire" }]);
    expect(validateAnswers(q, { role: "pilot", trust: 9 }, { final: false }).issues).toEqual([
      { path: "answers.role", message: '"pilot" is not an option' },
      { path: "answers.trust", message: "must be between 1 and 5" },
    ]);
  });
});

describe("a definition that does not hold together", () => {
  it("names each problem by its path", () => {
    const bad = build({
      title: "Bad",
      sections: [
        { key: "s", title: "One", questions: [
          { key: "a", label: "A", type: "single_choice", options: opts("x", "x") },
          { key: "b", label: "B", type: "short_text", showIf: { kind: "answered", questionKey: "later" } },
          { key: "c", label: "C", type: "scale", min: 5, max: 5 },
          { key: "d", label: "D", type: "short_text", showIf: { kind: "choice", questionKey: "c", anyOf: ["x"] } },
          { key: "e", label: "E", type: "short_text", showIf: { kind: "range", questionKey: "a", min: 1 } },
          { key: "f", label: "F", type: "short_text", showIf: { kind: "choice", questionKey: "a", anyOf: ["nope"] } },
          { key: "g", label: "G", type: "multiple_choice", options: opts("1", "2"), minChoices: 2, maxChoices: 3 },
          { key: "h", label: "H", type: "number", min: 5, max: 1 },
          { key: "later", label: "L", type: "number", showIf: { kind: "range", questionKey: "h" } },
        ] },
        { key: "s", title: "Two", questions: [{ key: "a", label: "A again", type: "long_text" }] },
      ],
    });
    expect(checkQuestionnaire(bad)).toEqual([
      { path: "sections.0.questions.0.options.0.key", message: '"x" is used twice in this question' },
      { path: "sections.0.questions.0.options.1.key", message: '"x" is used twice in this question' },
      { path: "sections.0.questions.1.showIf.questionKey", message: 'must name an earlier question ("later" is not one)' },
      { path: "sections.0.questions.2.max", message: "must be greater than min" },
      { path: "sections.0.questions.3.showIf.kind", message: '"choice" needs a single or multiple choice question; "c" is scale' },
      { path: "sections.0.questions.4.showIf.kind", message: '"range" needs a scale or number question; "a" is single_choice' },
      { path: "sections.0.questions.5.showIf.anyOf.0", message: '"nope" is not an option of "a"' },
      { path: "sections.0.questions.6.maxChoices", message: "must not exceed the number of options" },
      { path: "sections.0.questions.7.max", message: "must not be less than min" },
      { path: "sections.0.questions.8.showIf", message: "needs min, max or both" },
      { path: "sections.1.key", message: '"s" is used by another section' },
      { path: "sections.1.questions.0.key", message: '"a" is used by another question' },
    ]);
  });

  it("a question cannot be conditional on itself", () => {
    const self = build({ title: "T", sections: [{ key: "s", title: "S", questions: [{ key: "a", label: "A", type: "short_text", showIf: { kind: "answered", questionKey: "a" } }] }] });
    expect(checkQuestionnaire(self)).toEqual([{ path: "sections.0.questions.0.showIf.questionKey", message: 'must name an earlier question ("a" is not one)' }]);
  });
});
