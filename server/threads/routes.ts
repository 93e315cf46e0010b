import { Router } from "express";
import { zCreatePostBody, zCreateThreadBody, zEditPostBody, zIdempotencyKey, zListThreadsQuery } from "../../shared/schemas/threads.ts";
import { zId, zPageQuery } from "../../shared/schemas/common.ts";
import type { AppContext } from "../context.ts";
import { actorOf, requireActor } from "../accounts/actor.ts";
import { parseBody, parseHeader, parseQuery, parseParam } from "../http/validate.ts";
import { createThread, getThread, listThreads } from "./service.ts";
import { createReply, editPost, getPostContext, listRevisions, listThreadPosts, setPostEndorsement, withdrawPost } from "../posts/service.ts";

export function threadRoutes(ctx: AppContext): Router {
  const router = Router();
  const { prisma } = ctx;

  router.get("/consultations/:id/threads", async (req, res) => {
    res.json(await listThreads(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zListThreadsQuery, req.query)));
  });
  router.post("/consultations/:id/threads", ...ctx.limits.write, async (req, res) => {
    res.status(201).json(await createThread(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zCreateThreadBody, req.body)));
  });
  router.get("/threads/:id", async (req, res) => {
    res.json({ thread: await getThread(prisma, actorOf(req), parseParam(zId, req.params, "id")) });
  });
  router.get("/threads/:id/posts", async (req, res) => {
    res.json(await listThreadPosts(prisma, actorOf(req), parseParam(zId, req.params, "id"), parseQuery(zPageQuery, req.query)));
  });
  router.post("/threads/:id/posts", ...ctx.limits.write, async (req, res) => {
    const actor = requireActor(req);
    const key = parseHeader(zIdempotencyKey.optional(), req.get("idempotency-key"), "Idempotency-Key");
    const { post, replayed } = await createReply(prisma, actor, parseParam(zId, req.params, "id"), parseBody(zCreatePostBody, req.body), key);
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(replayed ? 200 : 201).json({ post });
  });
  router.get("/posts/:id", async (req, res) => {
    res.json(await getPostContext(prisma, actorOf(req), parseParam(zId, req.params, "id")));
  });
  router.patch("/posts/:id", ...ctx.limits.write, async (req, res) => {
    res.json({ post: await editPost(prisma, requireActor(req), parseParam(zId, req.params, "id"), parseBody(zEditPostBody, req.body)) });
  });
  router.delete("/posts/:id", async (req, res) => {
    await withdrawPost(prisma, requireActor(req), parseParam(zId, req.params, "id"));
    res.status(204).end();
  });
  router.get("/posts/:id/revisions", async (req, res) => {
    res.json({ revisions: await listRevisions(prisma, requireActor(req), parseParam(zId, req.params, "id")) });
  });
  router.post("/posts/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setPostEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), true));
  });
  router.delete("/posts/:id/endorsements", ...ctx.limits.endorse, async (req, res) => {
    res.json(await setPostEndorsement(prisma, requireActor(req), parseParam(zId, req.params, "id"), false));
  });
  return router;
}
