import http from "node:http";

/**
 * A local stand-in for Klaviyo's Events API (`POST /api/events`): checks the private-key
 * authorization, the `revision` header and the JSON:API body the way Klaviyo does, answers 202,
 * ignores a repeated `unique_id`, and can answer 429 with Retry-After or 5xx when told to.
 */
export interface FakeKlaviyo {
  url: string;
  events: { metric: string; email: string; properties: Record<string, unknown>; uniqueId: string; revision: string }[];
  fail(...statuses: (429 | 500)[]): void;
  close(): Promise<void>;
}

export async function startFakeKlaviyo(privateKey: string): Promise<FakeKlaviyo> {
  const events: FakeKlaviyo["events"] = [];
  const failures: (429 | 500)[] = [];
  const error = (response: http.ServerResponse, status: number, detail: string) => {
    response.writeHead(status, { "content-type": "application/vnd.api+json" });
    response.end(JSON.stringify({ errors: [{ status, code: "invalid", title: "Invalid input.", detail }] }));
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/api/events") return error(response, 404, "not found");
      if (request.headers.authorization !== `Klaviyo-API-Key ${privateKey}`) return error(response, 401, "Incorrect authentication credentials.");
      const revision = String(request.headers.revision ?? "");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(revision)) return error(response, 400, "Missing or invalid revision header.");
      if (!String(request.headers["content-type"]).startsWith("application/vnd.api+json")) return error(response, 415, "Unsupported media type.");
      const failure = failures.shift();
      if (failure === 429) {
        response.writeHead(429, { "Retry-After": "3", "content-type": "application/vnd.api+json" });
        return response.end(JSON.stringify({ errors: [{ status: 429, code: "throttled", title: "Request was throttled." }] }));
      }
      if (failure === 500) return error(response, 500, "A server error occurred.");
      let body: { data?: { type?: string; attributes?: Record<string, unknown> } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        return error(response, 400, "Malformed JSON.");
      }
      const attributes = body.data?.attributes as
        | { properties?: Record<string, unknown>; unique_id?: string; metric?: { data?: { type?: string; attributes?: { name?: string } } }; profile?: { data?: { type?: string; attributes?: { email?: string } } } }
        | undefined;
      const metric = attributes?.metric?.data;
      const profile = attributes?.profile?.data;
      if (body.data?.type !== "event" || metric?.type !== "metric" || !metric.attributes?.name || profile?.type !== "profile" || !profile.attributes?.email) {
        return error(response, 400, "An event needs data.type event, a metric name and a profile identifier.");
      }
      const uniqueId = attributes?.unique_id ?? "";
      if (!events.some((event) => uniqueId && event.uniqueId === uniqueId)) {
        events.push({ metric: metric.attributes.name, email: profile.attributes.email, properties: attributes?.properties ?? {}, uniqueId, revision });
      }
      response.writeHead(202);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    fail: (...statuses) => failures.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
