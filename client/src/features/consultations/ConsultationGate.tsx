// Pages under /consultations/:slug/…: load the consultation (with the viewer's abilities), show the
// loading, error and not-found states, and hand the consultation to the page once it is there.
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { getConsultation, type ConsultationDetail } from "../../api/consultations.ts";
import { resourceState } from "../../components/ResourceState.tsx";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../lib/query/keys.ts";
import { resourceOf } from "../../lib/query/state.ts";
import { useViewerKey } from "../../lib/useViewerKey.ts";

export function ConsultationGate({ title, children }: { title: string; children: (c: ConsultationDetail) => ReactNode }) {
  const { slug = "" } = useParams();
  const viewerKey = useViewerKey();
  const query = useQuery({ queryKey: keys.consultation(slug, viewerKey), queryFn: ({ signal }) => getConsultation(slug, signal), enabled: viewerKey !== null });
  const state = resourceOf(query);
  const pending = resourceState(state, () => query.refetch(), { title, what: "consultation" });
  if (pending !== null || state.phase !== "ready") return pending;
  return <>{children(state.data)}</>;
}
