import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DemoInboxPage } from "~/components/DemoInboxPage";
import { demoInboxStore } from "~/demo/demo-inbox.server";
import { demoSmsStore } from "~/demo/demo-sms.server";
import { adminTranslator } from "~/i18n/admin-intl.server";
import { adminLocale } from "~/i18n/admin-locale.server";
import { isDemoMode, requireAdmin } from "~/shopify/shopify.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Demo inbox"} · Trackline` }];

/** Demo mode only: every email and text the demo sent, as the local SMTP server and local Twilio received them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = adminTranslator(adminLocale(request).locale);
  if (!isDemoMode) throw new Response(t("demoInbox.onlyDemo"), { status: 404 });
  const url = new URL(request.url);
  // `?locale=` is the admin's own language (Shopify's parameter); the mail filter has its own name.
  const mailLocale = url.searchParams.get("mailLocale");
  const mails = demoInboxStore().mails.filter((mail) => !mailLocale || mail.locale === mailLocale);
  const selected = Number(url.searchParams.get("id") ?? mails[0]?.id ?? 0);
  return { title: t("demoInbox.title"), mailLocale, mails: mails.slice(0, 200).map(({ html: _html, text: _text, ...mail }) => mail), selected: mails.find((mail) => mail.id === selected) ?? null, texts: demoSmsStore().texts.slice(0, 100) };
}

export default function DemoInboxRoute() {
  const data = useLoaderData<typeof loader>();
  return <DemoInboxPage {...data} />;
}
