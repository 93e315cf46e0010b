// The analysis of formal responses over HTTP: the codebook (organisers keep it, analysts read it), coding
// (analysts), and the results and their CSV exports (analysts and staff). Rules in ../policy.ts.
import { Router } from "express";
import { z } from "zod";
import { zId } from "../../../shared/schemas/common.ts";
import { zCodeBody, zCodePatchBody, zCodingBody, zCodingQueueQuery, zKey } from "../../../shared/schemas/responses.ts";
import type { AppContext } from "../../context.ts";
import { requireActor } from "../../accounts/actor.ts";
import { parseBody, parseParam, parseQuery } from "../../http/validate.ts";
import { createCode, deleteCode, getCodebook, updateCode } from "./codebook.ts";
import { listCodingQueue, saveCoding } from "./coding.ts";
import { getAnalysis } from "./results.ts";
import { ANALYSIS_TABLES, exportAnalysisCsv } from "./export.ts";

export const zAnalysisTable = z.enum(ANALYSIS_TABLES);

export function analysisRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.get("/consultations/:id/codebook", async (req, res) => {
    res.json(await getCodebook(prisma, requireActor(req), parseParam(zId, req.params, "id")));
  });
  router.post("/consultations/:id/codebook/codes", ...ctx.limits.write, async (req, res) => {
    res.status(201).json({ code: await createCode(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCodeBody, req.body)) });
  });
  router.patch("/codes/:id", ...ctx.limits.write, async (req, res) => {
    res.json({ code: await updateCode(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCodePatchBody, req.body)) });
  });
  router.delete("/codes/:id", ...ctx.limits.write, async (req, res) => {
    await deleteCode(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.status(204).end();
  });
  router.get("/consultations/:id/coding", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await listCodingQueue(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseQuery(zCodingQueueQuery, req.query)));
  });
  router.put("/responses/:id/codings/:questionKey", ...ctx.limits.write, async (req, res) => {
    const { codeIds } = parseBody(zCodingBody, req.body);
    res.json({ coding: await saveCoding(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zKey, req.params, "questionKey"), codeIds) });
  });
  router.get("/consultations/:id/analysis", async (req, res) => {
    res.json({ analysis: await getAnalysis(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/consultations/:id/analysis/:table.csv", async (req, res) => {
    const { name, csv } = await exportAnalysisCsv(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zAnalysisTable, req.params, "table"));
    res.setHeader("Content-Disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`);
    res.type("text/csv; charset=utf-8").send(csv);
  });
  return router;
}
