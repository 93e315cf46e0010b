// Adds up Vitest's JSON reports and prints the one line CI reads: "tests: N passed, N failed[, N skipped]".
import fs from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.error(`missing test report ${file}: that run did not complete`);
    missing++;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that failed to load counts its tests as neither passed nor failed: count it as a failure.
  failed += report.testResults.filter((r: { status: string; assertionResults: unknown[] }) => r.status === "failed" && r.assertionResults.length === 0).length;
}
failed += missing;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
