import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { simpleParser } from "mailparser";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "~/domain/locales/resolve";
import { composeMail } from "./compose-mail.server";
import { renderShipmentEmail } from "./email-render";

/** A shopper email as the email channel composes it, in one locale. */
function shopperMail(locale: (typeof SUPPORTED_LOCALES)[number], extra: Partial<Mail.Options> = {}): Mail.Options {
  const rendered = renderShipmentEmail({
    locale,
    shopName: "Maple & Co — 楓",
    logoUrl: "https://cdn.example/logo.png",
    accentColor: "#aa3300",
    firstName: "Zoë",
    orderName: "#1002",
    moments: ["customs_hold", "arrived_in_country"],
    parcel: {
      trackingNumber: "1Z999AA10000000002",
      carrierName: "UPS",
      status: "exception",
      subStatus: null,
      estimateStart: new Date("2026-12-09T00:00:00Z"),
      estimateEnd: new Date("2026-12-11T00:00:00Z"),
    },
    reason: "Adresse incomplète",
    lineItemCount: 3,
    timeZone: "Europe/Paris",
    trackUrl: "https://maple.myshopify.com/apps/trackline/t/abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789&src=email",
    stopOrderUrl: "https://trackline.test/unsubscribe?token=abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz&scope=order",
    stopShopUrl: "https://trackline.test/unsubscribe?token=abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz&scope=shop",
  });
  return {
    from: { name: "Maple & Co — 楓", address: "no-reply@maple.myshopify.com" },
    to: "zoe@example.fr",
    replyTo: "help@maple.example",
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: "<row-1@notifications.trackline>",
    date: new Date("2026-12-06T10:00:00Z"),
    headers: {
      "List-Unsubscribe": "<https://trackline.test/unsubscribe?token=abc&scope=order>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
      "Content-Language": locale,
    },
    // The same boundary for both builds, so that their bytes can be compared.
    baseBoundary: "fixed-boundary-for-the-comparison",
    ...extra,
  };
}

describe("composeMail", () => {
  it.each(SUPPORTED_LOCALES)("writes exactly the bytes of nodemailer's stream build for a shopper email in %s", async (locale) => {
    const mail = shopperMail(locale);
    const composed = await composeMail(mail);
    const streamed = await new MailComposer(mail).compile().build();
    expect(composed.toString("utf8")).toBe(streamed.toString("utf8"));
    const parsed = await simpleParser(composed);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
    expect(parsed.from?.value).toEqual([{ name: "Maple & Co — 楓", address: "no-reply@maple.myshopify.com" }]);
    expect(composed.toString("utf8")).toContain("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
  });

  it("writes the same bytes for plain ASCII text only, for text with long lines, and for HTML only", async () => {
    const cases: Mail.Options[] = [
      { from: "a@example.com", to: "b@example.com", subject: "Plain", text: "Hello\nthere.\n", date: new Date(0), messageId: "<p@x>" },
      { from: "a@example.com", to: "b@example.com", subject: "Long", text: `${"word ".repeat(60)}\n${"x".repeat(200)}`, date: new Date(0), messageId: "<l@x>" },
      { from: "a@example.com", to: "b@example.com", subject: "Html", html: "<p>Déjà vu</p>", date: new Date(0), messageId: "<h@x>" },
    ];
    for (const mail of cases) {
      const composed = await composeMail(mail);
      expect(composed.toString("utf8")).toBe((await new MailComposer(mail).compile().build()).toString("utf8"));
    }
  });

  it("hands what it does not build in one go (an attachment read from a stream) to nodemailer's stream build", async () => {
    const mail = shopperMail("en", { attachments: [{ filename: "note.txt", content: Readable.from([Buffer.from("a note")]) }] });
    const composed = await composeMail(mail);
    const parsed = await simpleParser(composed);
    expect(parsed.attachments.map((attachment) => [attachment.filename, attachment.content.toString()])).toEqual([["note.txt", "a note"]]);
    expect(parsed.text).toBe(mail.text);
  });
});
