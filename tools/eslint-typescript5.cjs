// typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (the native compiler that
// `npm run typecheck` uses) no longer ships. ESLint runs with this preload: inside typescript-eslint and
// ts-api-utils, `require("typescript")` gets TypeScript 5.9 (the devDependency `typescript5`); everything
// else, tsc included, keeps TypeScript 7.
const Module = require("node:module");

const ts5 = require.resolve("typescript5");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "typescript" && parent?.filename && /[\\/](@typescript-eslint|ts-api-utils|typescript-eslint)[\\/]/.test(parent.filename)) return ts5;
  return resolve.call(this, request, parent, ...rest);
};
