import { database } from "../data/client.server";

// Liveness + database reachability for load balancers and the demo launcher.
export async function loader() {
  const { db, provider } = database();
  await db.$queryRawUnsafe("SELECT 1");
  return Response.json({ ok: true, database: provider });
}
