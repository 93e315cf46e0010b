// Questionnaires and formal responses over HTTP: validate, call the service, answer. Rules live in
// policy.ts and the services; the receipt is the respondent's own and never cached.
import { Router } from "express";
import { z } from "zod";
import { zId, zRequiredText } from "../../shared/schemas/common.ts";
import { zImpersonationReportBody, zLiftRedactionBody, zPageParam, zPageRedactionBody, zUploadQuery, zWithholdBody, zListResponsesQuery, zPutQuestionnaireBody, zPutResponseBody, zRedactionBody, zReviewResponsesQuery, zSuspectedAutomatedBody, zVerifyImpersonationBody } from "../../shared/schemas/responses.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseParam, parseQuery } from "../http/validate.ts";
import { getQuestionnaire, putQuestionnaire } from "./questionnaires.ts";
import { getResponse, listOwnResponses, listOwnVersions, saveResponse } from "./service.ts";
import { loadReceipt, renderReceiptHtml, renderReceiptPdf } from "./receipt.ts";
import { listPublishedResponses } from "./published.ts";
import { liftRedaction, redactResponse } from "./redactions.ts";
import { streamPublishedResponsesCsv } from "./export.ts";
import { getCampaign, listCampaigns } from "./campaign-page.ts";
import { authorizeUpload, deleteAttachment, loadAttachmentForDownload, releaseAttachment, uploadAttachment, withholdAttachment } from "./attachments.ts";
import { listResponsesForReview } from "./review.ts";
import { liftAttachmentPageRedaction, redactAttachmentPage } from "./page-redactions.ts";
import { readUploadedFile } from "./files/multipart.ts";
import { listImpersonationReports, markSuspectedAutomated, reportImpersonation, verifyImpersonationReport } from "./integrity.ts";


/** RFC 6266: an ASCII fallback and the UTF-8 name, so no name can break out of the header. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const RECEIPT_FORMATS = ["html", "pdf"] as const;
export const zReceiptFormat = z.enum(RECEIPT_FORMATS);

export function responseRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.get("/consultations/:id/questionnaire", async (req, res) => {
    res.json({ questionnaire: await getQuestionnaire(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.put("/consultations/:id/questionnaire", ...ctx.limits.write, async (req, res) => {
    res.json({ questionnaire: await putQuestionnaire(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zPutQuestionnaireBody, req.body)) });
  });
  router.get("/consultations/:id/responses/mine", async (req, res) => {
    res.json({ items: await listOwnResponses(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.put("/consultations/:id/responses/mine", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zPutResponseBody, req.body);
    const { created, response } = await saveResponse(prisma, requireActor(req), parseParam(zId, req.params, "id"), body);
    if (body.submit) ctx.campaignGrouper.nudge();
    res.status(created ? 201 : 200).json({ response });
  });
  router.get("/responses/:id", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ response: await getResponse(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/responses/:id/versions", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ items: await listOwnVersions(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/responses/:id/receipt.:format", async (req, res) => {
    const format = parseParam(zReceiptFormat, req.params, "format");
    const receipt = await loadReceipt(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.setHeader("Cache-Control", "no-store");
    if (format === "html") return void res.type("text/html; charset=utf-8").send(renderReceiptHtml(receipt));
    res.setHeader("Content-Disposition", `attachment; filename="receipt-${receipt.submissionNumber}.pdf"`);
    res.type("application/pdf").send(await renderReceiptPdf(receipt));
  });
  router.get("/consultations/:id/responses", async (req, res) => {
    res.json(await listPublishedResponses(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zListResponsesQuery, req.query)));
  });
  router.get("/consultations/:id/exports/responses.csv", ctx.limits.export, async (req, res) => {
    await streamPublishedResponsesCsv(prisma, actorOf(req), parseParam(zId, req.params, "id"), res);
  });
  router.post("/responses/:id/redactions", ...ctx.limits.write, async (req, res) => {
    res.status(201).json({ redaction: await redactResponse(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zRedactionBody, req.body)) });
  });
  router.delete("/responses/:id/redactions/:redactionId", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zLiftRedactionBody, req.body);
    await liftRedaction(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "redactionId"), body);
    res.status(204).end();
  });
  router.get("/consultations/:id/campaigns", async (req, res) => {
    res.json(await listCampaigns(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  router.get("/campaigns/:id", async (req, res) => {
    res.json({ campaign: await getCampaign(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.post("/responses/:id/attachments", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const responseId = parseParam(zId, req.params, "id");
    const { questionKey } = parseQuery(zUploadQuery, req.query);
    // Refused before the body is read when the caller may not upload here at all.
    await authorizeUpload(prisma, actor, responseId, questionKey);
    const file = await readUploadedFile(req, ctx.config.responses.attachmentMaxBytes);
    res.status(201).json({ attachment: await uploadAttachment(prisma, ctx.config, actor, responseId, questionKey, file) });
  });
  router.get("/responses/:id/attachments/:attachmentId", async (req, res) => {
    const file = await loadAttachmentForDownload(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId"));
    // Never rendered in our origin: downloaded, sandboxed, its type fixed.
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Content-Disposition", contentDisposition(file.fileName));
    res.type(file.mediaType).send(file.content);
  });
  router.delete("/responses/:id/attachments/:attachmentId", ...ctx.limits.write, async (req, res) => {
    await deleteAttachment(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId"));
    res.status(204).end();
  });
  router.post("/responses/:id/attachments/:attachmentId/withhold", ...ctx.limits.write, async (req, res) => {
    const { reason } = parseBody(zWithholdBody, req.body);
    res.json({ attachment: await withholdAttachment(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId"), reason) });
  });
  router.delete("/responses/:id/attachments/:attachmentId/withhold", ...ctx.limits.write, async (req, res) => {
    res.json({ attachment: await releaseAttachment(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId")) });
  });
  router.post("/responses/:id/attachments/:attachmentId/page-redactions", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zPageRedactionBody, req.body);
    res.status(201).json({ attachment: await redactAttachmentPage(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId"), body) });
  });
  router.delete("/responses/:id/attachments/:attachmentId/page-redactions/:page", ...ctx.limits.write, async (req, res) => {
    const body = parseBody(zLiftRedactionBody, req.body);
    const page = parseParam(zPageParam, req.params, "page");
    res.json({ attachment: await liftAttachmentPageRedaction(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseParam(zId, req.params, "attachmentId"), page, body) });
  });
  router.get("/consultations/:id/responses/review", async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await listResponsesForReview(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseQuery(zReviewResponsesQuery, req.query)));
  });
  router.post("/responses/:id/impersonation-reports", ...ctx.limits.flag, async (req, res) => {
    const body = parseBody(zImpersonationReportBody, req.body);
    res.status(202).json(await reportImpersonation(prisma, actorOf(req), parseParam(zId, req.params, "id"), body));
  });
  router.get("/responses/:id/impersonation-reports", async (req, res) => {
    res.json({ items: await listImpersonationReports(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.post("/impersonation-reports/verify", ...ctx.limits.flag, async (req, res) => {
    const verified = await verifyImpersonationReport(prisma, parseBody(zVerifyImpersonationBody, req.body).token);
    ctx.campaignGrouper.nudge();
    res.json(verified);
  });
  router.put("/responses/:id/suspected-automated", ...ctx.limits.write, async (req, res) => {
    const response = await markSuspectedAutomated(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zSuspectedAutomatedBody, req.body));
    ctx.campaignGrouper.nudge();
    res.json({ response });
  });
  return router;
}
