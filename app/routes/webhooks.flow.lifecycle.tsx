import type { ActionFunctionArgs } from "@remix-run/node";
import { appEnv } from "~/config/env.server";
import { database } from "~/data/client.server";
import { receiveFlowLifecycleCallback } from "~/services/notifications/flow-lifecycle.server";

/** Shopify Flow's trigger lifecycle callback (extensions/flow-lifecycle): which triggers a shop's workflows use. */
export const action = ({ request }: ActionFunctionArgs) => receiveFlowLifecycleCallback(request, { db: database().db, secret: appEnv().SHOPIFY_API_SECRET });
