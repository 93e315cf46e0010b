// `npm run lint`: ESLint 9 (flat config) with typescript-eslint, the React hooks rules as errors, and no
// literal text in JSX (text and user-facing attributes go through t(): see client/src/i18n).
// Run through tools/eslint-typescript5.cjs (see there why).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import i18next from "eslint-plugin-i18next";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "test/.tmp/**", "prisma/generated/**", "server/generated/**", "**/*.d.ts"] },
  {
    files: ["client/src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, i18next },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // Words a reader sees come from the catalogs: no literal JSX text, no literal aria-label, title,
      // placeholder or alt (symbols and punctuation are fine).
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": { include: ["aria-label", "title", "placeholder", "alt", "label", "legend", "hint", "lead", "empty", "description", "labelHead", "caption"] },
          callees: { exclude: ["t", "tr", "i18n.t", "bind", "form.field", "rowBinding", "describeSlowMode", "JSON.stringify", "encodeURIComponent", "require", "Error", "id", "path", "input", "select"] },
          // Punctuation, symbols, digits and the hash algorithm's name are the same in every language.
          words: { exclude: ["^[\\s.,:;!?()\\[\\]{}<>\"'“”«»„‘’—–\\-·›↓⚠#%+/*=|&@…0-9]*$", "^\\s*\\(?SHA-256\\s*$", "^[a-z]$"] },
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
);
