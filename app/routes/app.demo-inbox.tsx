import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DemoInboxPage } from "../components/DemoInboxPage";
import { demoInboxStore } from "../demo/demo-inbox.server";
import { demoSmsStore } from "../demo/demo-sms.server";
import { isDemoMode, requireAdmin } from "../shopify/shopify.server";

export const meta: MetaFunction = () => [{ title: "Demo inbox · Trackline" }];

/** Demo mode only: every email and text the demo sent, as the local SMTP server and local Twilio received them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  if (!isDemoMode) throw new Response("The demo inbox exists only in demo mode", { status: 404 });
  const url = new URL(request.url);
  const locale = url.searchParams.get("locale");
  const mails = demoInboxStore().mails.filter((mail) => !locale || mail.locale === locale);
  const selected = Number(url.searchParams.get("id") ?? mails[0]?.id ?? 0);
  return { mails: mails.slice(0, 200).map(({ html: _html, text: _text, ...mail }) => mail), selected: mails.find((mail) => mail.id === selected) ?? null, locale, texts: demoSmsStore().texts.slice(0, 100) };
}

export default function DemoInboxRoute() {
  const data = useLoaderData<typeof loader>();
  return <DemoInboxPage {...data} />;
}
