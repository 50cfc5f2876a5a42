import type Mail from "nodemailer/lib/mailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type MimeNode from "nodemailer/lib/mime-node";
import { encode as base64Encode, wrap as base64Wrap } from "nodemailer/lib/base64";
import { encode as qpEncode, wrap as qpWrap } from "nodemailer/lib/qp";

/** What MimeNode keeps to itself and the synchronous build reads (see nodeText). */
interface NodeInternals {
  content?: unknown;
  _raw?: unknown;
  _transforms?: unknown[];
  _processFuncs?: unknown[];
  newline?: unknown;
  multipart?: unknown;
}

/** MimeNode's own fields, read by name (nodemailer's types do not declare them). */
function internalsOf(node: MimeNode): NodeInternals {
  const read = (key: keyof NodeInternals): unknown => Reflect.get(node, key);
  const list = (key: "_transforms" | "_processFuncs"): unknown[] | undefined => {
    const value = read(key);
    return Array.isArray(value) ? value : undefined;
  };
  return { content: read("content"), _raw: read("_raw"), _transforms: list("_transforms"), _processFuncs: list("_processFuncs"), newline: read("newline"), multipart: read("multipart") };
}

const LINE_LENGTH = 76;

/**
 * One node of the tree as MimeNode.stream writes it: headers, a blank line, then the content
 * encoded as getTransferEncoding says, or the children between boundary lines. Null for
 * anything but string content in base64, quoted-printable or 7bit (streams, files, raw parts).
 */
function nodeText(node: MimeNode): string | null {
  if (internalsOf(node)._raw) return null;
  const head = `${node.buildHeaders()}\r\n\r\n`;
  // Read after buildHeaders, which settles the node's content and parts.
  const internals = internalsOf(node);
  if (internals.multipart) {
    if (internals.content) return null;
    let text = head;
    for (const [index, child] of node.childNodes.entries()) {
      const part = nodeText(child);
      if (part === null) return null;
      text += `${index > 0 ? "\r\n" : ""}--${String(node.boundary)}\r\n${part}`;
    }
    return `${text}\r\n--${String(node.boundary)}--\r\n`;
  }
  if (internals.content === undefined || internals.content === null || internals.content === "") return head;
  if (typeof internals.content !== "string") return null;
  switch (node.getTransferEncoding()) {
    case "base64":
      return head + base64Wrap(base64Encode(internals.content), LINE_LENGTH);
    case "quoted-printable":
      return head + qpWrap(qpEncode(internals.content), LINE_LENGTH);
    case "7bit":
      return head + internals.content;
    default:
      return null;
  }
}

/**
 * The raw message nodemailer's MailComposer makes of `mail`, built in one go rather than through
 * its stream pipeline (a PassThrough, an encoder and a pipeline per part: most of the CPU an email
 * cost). The bytes are the same as `compile().build()`'s (checked in compose-mail.server.test.ts);
 * anything the one-go build does not cover (attachments from streams or files, raw parts, custom
 * transforms, DKIM, newline conversion) goes through `build()` as before.
 */
export async function composeMail(mail: Mail.Options): Promise<Buffer> {
  const root = new MailComposer(mail).compile();
  const internals = internalsOf(root);
  const plain = !internals.newline && !internals._transforms?.length && !internals._processFuncs?.length;
  const text = plain ? nodeText(root) : null;
  if (text === null) return root.build();
  // As the stream's last stage does: the message ends with a line break.
  return Buffer.from(text.endsWith("\n") ? text : text.endsWith("\r") ? `${text}\n` : `${text}\r\n`, "utf8");
}

