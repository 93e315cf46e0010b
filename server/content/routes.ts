import { Router } from "express";
import type { AppContext } from "../context.ts";
import { requireActor } from "../accounts/actor.ts";
import { parseBody } from "../http/validate.ts";
import { zPreviewBody } from "../../shared/schemas/threads.ts";
import { renderRichText } from "./rich-text.ts";

export function contentRoutes(ctx: AppContext): Router {
  const router = Router();
  // The composer's live preview: exactly the HTML that would be stored, from the same sanitiser.
  router.post("/preview", ctx.limits.preview, async (req, res) => {
    requireActor(req);
    const { body } = parseBody(zPreviewBody, req.body);
    res.json({ html: renderRichText(body) });
  });
  return router;
}
