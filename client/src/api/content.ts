// The composer's preview: the server renders Markdown with the same sanitiser it stores with, so the
// preview is exactly what will be published. The client never sanitises or renders Markdown itself.
import { request } from "./client.ts";

export async function previewRichText(body: string, signal?: AbortSignal): Promise<string> {
  return (await request<{ html: string }>("POST", "/preview", { body: { body }, signal })).html;
}
