import { Router } from "express";
import { zId } from "../../shared/schemas/common.ts";
import { zTrackedDocxQuery, zCreateAnchoredThreadBody, zUnitQuery, zCreateTextBody, zPreviewTextBody, zPublishVersionBody, zTextDiffQuery, zTextVersionQuery } from "../../shared/schemas/texts.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseParam, parseQuery } from "../http/validate.ts";
import { createText, diffText, getText, listTexts, previewText, publishVersion } from "./service.ts";
import { getReadingView } from "./reading.ts";
import { exportAkomaNtoso, exportTrackedDocx } from "./exports.ts";
import { createAnchoredThread, getThreadAnchor, listAnchoredThreads } from "./anchors.ts";

export function textRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.get("/consultations/:id/texts", async (req, res) => {
    res.json(await listTexts(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  router.post("/consultations/:id/texts/preview", ctx.limits.preview, async (req, res) => {
    res.json(await previewText(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zPreviewTextBody, req.body)));
  });
  router.post("/consultations/:id/texts", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await createText(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreateTextBody, req.body)));
  });
  router.get("/texts/:id", async (req, res) => {
    res.json({ text: await getText(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zTextVersionQuery, req.query)) });
  });
  router.get("/texts/:id/reading", async (req, res) => {
    res.json({ text: await getReadingView(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zTextVersionQuery, req.query)) });
  });
  router.get("/texts/:id/text.akn.xml", async (req, res) => {
    const { filename, xml } = await exportAkomaNtoso(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zTextVersionQuery, req.query));
    res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
    res.type("application/akn+xml").send(xml);
  });
  router.get("/texts/:id/tracked.docx", async (req, res) => {
    const { filename, bytes } = await exportTrackedDocx(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zTrackedDocxQuery, req.query));
    res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
    res.type("application/vnd.openxmlformats-officedocument.wordprocessingml.document").send(bytes);
  });
  router.post("/texts/:id/versions", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await publishVersion(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zPublishVersionBody, req.body)));
  });
  router.get("/texts/:id/diff", async (req, res) => {
    res.json(await diffText(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zTextDiffQuery, req.query)));
  });
  router.get("/texts/:id/threads", async (req, res) => {
    res.json(await listAnchoredThreads(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zUnitQuery, req.query)));
  });
  router.post("/texts/:id/threads", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await createAnchoredThread(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreateAnchoredThreadBody, req.body)));
  });
  router.get("/threads/:id/anchor", async (req, res) => {
    res.json(await getThreadAnchor(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  return router;
}
