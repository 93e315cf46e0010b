import { Router, type Request } from "express";
import { zId } from "../../shared/schemas/common.ts";
import { z } from "zod";
import { CONTRIBUTION_FORMATS, REPORT_FORMATS, zCreateExportJobBody, zExportQuery, zPutOutcomeBody, zReportVersion } from "../../shared/schemas/exports.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseQuery, parseParam } from "../http/validate.ts";
import { errors } from "../http/errors.ts";
import { listOutcomes, putOutcome } from "./outcomes.ts";
import { getSummaryVersionFile, listSummaryVersions, previewSummary, publishSummary } from "./summary.ts";
import { streamContributions } from "./contributions.ts";
import { contributionsJsonSchema } from "./formats/schema.ts";
import { cancelExportJob, createExportJob, getExportJob, sendExportJobResult } from "./jobs.ts";
import type { ExportJobRunner } from "./job-runner.ts";

/** The site's address as the caller reached it: the base of the permalinks in reports. */
const siteUrl = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

/** `runner`: this process's export job runner (built and started by the server, stopped at its close). */
export function exportRoutes(ctx: AppContext, runner: ExportJobRunner): Router {
  const router = Router();
  const { prisma } = ctx;

  router.get("/consultations/:id/outcomes", async (req, res) => {
    res.json({ items: await listOutcomes(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.put("/consultations/:id/questions/:questionId/outcome", ...ctx.limits.write, async (req, res) => {
    const outcome = await putOutcome(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "questionId"), parseBody(zPutOutcomeBody, req.body));
    res.json({ outcome });
  });

  router.get("/consultations/:id/summary", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await previewSummary(prisma, requireActor(req), parseParam(zId, req.params, "id"), siteUrl(req)));
  });
  router.post("/consultations/:id/summary/versions", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await publishSummary(prisma, requireActor(req), parseParam(zId, req.params, "id"), siteUrl(req)));
  });
  router.get("/consultations/:id/summary/versions", async (req, res) => {
    res.json({ items: await listSummaryVersions(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/consultations/:id/summary/versions/:version.:format", async (req, res) => {
    const version = parseParam(zReportVersion, req.params, "version");
    const format = parseParam(z.enum(REPORT_FORMATS), req.params, "format");
    const file = await getSummaryVersionFile(prisma, runner.pool, ctx.config.dataDir, actorOf(req), parseParam(zId, req.params, "id"), version, format);
    res.setHeader("Content-Type", file.contentType);
    res.setHeader("Content-Disposition", `${format === "html" ? "inline" : "attachment"}; filename="${file.filename}"`);
    res.setHeader("X-Content-SHA256", file.contentHash);
    res.setHeader("Cache-Control", "private, no-cache");
    // The report is self-contained: its own inline styles, no scripts, nothing fetched.
    if (format === "html") res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    res.send(file.body);
  });

  router.get("/exports/contributions.schema.json", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/schema+json").send(contributionsJsonSchema());
  });
  router.get("/consultations/:id/exports/contributions.:format", async (req, res) => {
    const format = parseParam(z.enum(CONTRIBUTION_FORMATS), req.params, "format");
    const { scope } = parseQuery(zExportQuery, req.query);
    await streamContributions(prisma, actorOf(req), parseParam(zId, req.params, "id"), format, scope, res);
  });

  // The one-click package: runs as a job in the worker like any other (the event loop stays free) and
  // streams the result to this request when it is done; a caller that hangs up cancels it. A POST: it
  // starts a job, and no GET may change anything (a link or a prefetch must not start work).
  router.post("/consultations/:id/exports/package.zip", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const { scope } = parseQuery(zExportQuery, req.query);
    const job = await createExportJob(ctx, runner, actor, parseParam(zId, req.params, "id"), { kind: "package", scope }, siteUrl(req));
    let gone = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        gone = true;
        void cancelExportJob(ctx, runner, actor, job.id).catch(() => {});
      }
    });
    for (;;) {
      const current = await getExportJob(ctx, actor, job.id);
      if (gone) return;
      if (current.status === "done") return sendExportJobResult(ctx, actor, job.id, res);
      if (current.status !== "queued" && current.status !== "running") throw errors.unavailable("The package could not be made. Try again, or start a job and follow its progress.");
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  router.post("/consultations/:id/exports/jobs", ...ctx.limits.write, async (req, res) => {
    const job = await createExportJob(ctx, runner, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreateExportJobBody, req.body), siteUrl(req));
    res.status(202).json({ job });
  });
  router.get("/exports/jobs/:id", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ job: await getExportJob(ctx, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.delete("/exports/jobs/:id", async (req, res) => {
    res.json({ job: await cancelExportJob(ctx, runner, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/exports/jobs/:id/download", async (req, res) => {
    await sendExportJobResult(ctx, requireActor(req), parseParam(zId, req.params, "id"), res);
  });
  return router;
}
