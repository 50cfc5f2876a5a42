import { database } from "~/data/client.server";
import { pingDatabase } from "~/data/health.server";

// Liveness + database reachability for load balancers and the demo launcher.
export async function loader() {
  const { db, provider } = database();
  await pingDatabase(db);
  return Response.json({ ok: true, database: provider });
}
