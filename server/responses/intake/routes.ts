// Intake over HTTP. Organisers import a CSV or XLSX file and manage partners' keys (session and CSRF, like
// every other write). Partners post responses with their API key: that router is mounted before the CSRF
// check, because it never reads the session: a key in a header is not something a browser sends by itself.
import { Router } from "express";
import { zId } from "../../../shared/schemas/common.ts";
import { zCreatePartnerBody, zPartnerResponseBody, type TPartnerResponseBody } from "../../../shared/schemas/responses.ts";
import { LIMITS } from "../../../shared/limits.ts";
import type { AppContext } from "../../context.ts";
import { requireActor } from "../../accounts/actor.ts";
import { parseBody, parseParam } from "../../http/validate.ts";
import { consume } from "../../http/rate-limit.ts";
import { errors } from "../../http/errors.ts";
import { readMultipartForm, readUploadedFile, type UploadedPart } from "../files/multipart.ts";
import { authenticatePartner, authorizeIntake, createPartner, importResponses, listPartners, revokePartner, submitPartnerResponse } from "./service.ts";

const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export function intakeRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;
  router.post("/consultations/:id/responses/import", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const id = parseParam(zId, req.params, "id");
    // Refused before the body is read when the caller is not an organiser here.
    await authorizeIntake(prisma, actor, id);
    const file = await readUploadedFile(req, IMPORT_MAX_BYTES);
    const imported = await importResponses(prisma, ctx.config.responses, actor, id, file.data);
    ctx.campaignGrouper.nudge();
    res.status(201).json(imported);
  });
  router.get("/consultations/:id/partners", async (req, res) => {
    const items = await listPartners(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    // The limit each key is held to, as configured (RATE_LIMIT_SCALE included): organisers tell their partners.
    const limiter = ctx.rateLimiters.partnerPerKey;
    res.json({ items, rateLimit: { requests: limiter.points, perSeconds: limiter.duration } });
  });
  router.post("/consultations/:id/partners", ...ctx.limits.write, async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.status(201).json(await createPartner(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreatePartnerBody, req.body).name));
  });
  router.delete("/partners/:id", ...ctx.limits.write, async (req, res) => {
    await revokePartner(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.status(204).end();
  });
  return router;
}

export function partnerApiRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post("/partner/v1/responses", async (req, res) => {
    let body: TPartnerResponseBody;
    let partner: Awaited<ReturnType<typeof authenticatePartner>>;
    let files: UploadedPart[] = [];
    if (req.is("multipart/form-data")) {
      // With files: the key and the rate limit before a byte of the body is read, then a bounded read (the
      // response part within the JSON limit, each file within the upload limit, no more files than a response takes).
      partner = await authenticatePartner(ctx.prisma, req.headers.authorization);
      await consume(ctx.rateLimiters.partnerPerKey, partner.id);
      const form = await readMultipartForm(req, { textField: "response", textMaxBytes: LIMITS.jsonBodyBytes, maxFiles: ctx.config.responses.attachmentsMax, maxFileBytes: ctx.config.responses.attachmentMaxBytes });
      body = parseBody(zPartnerResponseBody, parseResponsePart(form.text));
      files = form.files;
    } else {
      // The body's shape first (the schema is public, so refusing it reveals nothing), then the key.
      body = parseBody(zPartnerResponseBody, req.body);
      partner = await authenticatePartner(ctx.prisma, req.headers.authorization);
      await consume(ctx.rateLimiters.partnerPerKey, partner.id);
    }
    const { created, response } = await submitPartnerResponse(
      ctx.prisma,
      ctx.config.responses,
      partner,
      {
        externalRef: body.externalRef ?? null,
        category: body.category,
        consent: body.consent,
        name: body.name ?? null,
        organisation: body.organisation ?? null,
        registerNumber: body.registerNumber ?? null,
        country: body.country ?? null,
        answers: body.answers,
      },
      files,
    );
    if (created) ctx.campaignGrouper.nudge();
    res.status(created ? 201 : 200).json({ response });
  });
  return router;
}

/** The "response" part of a partner's multipart form: the JSON body the plain form sends. */
function parseResponsePart(text: string | null): unknown {
  if (text === null) throw errors.invalidInput('Send the response as JSON in a part named "response", beside its files.', [{ path: "response", message: "is required" }]);
  try {
    return JSON.parse(text);
  } catch {
    throw errors.invalidInput('The "response" part is not valid JSON.', [{ path: "response", message: "must be JSON" }]);
  }
}
