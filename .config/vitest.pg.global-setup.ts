import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "../app/testing/postgres-cluster.server";
import { migrateDeploy } from "../app/testing/test-database.server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplateUrl: string;
  }
}

// One cluster per run; the real migrations are applied once to a template database.
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster("trackline_template");
  migrateDeploy(cluster.url);
  project.provide("postgresTemplateUrl", cluster.url);
  return () => cluster.stop();
}
