import { execFileSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "~/config/database-target.server";

/**
 * Generates both Prisma clients (SQLite and Postgres) whatever DATABASE_URL says: each schema's
 * datasource must see a URL of its own provider for the CLI to read it.
 */
const prisma = path.join(projectRoot, "node_modules/.bin/prisma");
const clients = [
  { schema: "prisma/schema.prisma", url: "file:./prisma/dev.sqlite" },
  { schema: "prisma/postgres/schema.prisma", url: "postgresql://prisma-generate@127.0.0.1/trackline" },
];
for (const { schema, url } of clients) {
  execFileSync(prisma, ["generate", "--schema", schema], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    stdio: "inherit",
  });
}
