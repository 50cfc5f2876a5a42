import { simpleParser, type ParsedMail } from "mailparser";
import type net from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 for tests: accepts mail, parses every message with mailparser,
 * and can be told to misbehave the way real servers do (4xx, 5xx, refused recipients, a
 * connection dropped after the message was handed over, wrong credentials).
 */
export type SmtpFault = "4xx" | "5xx" | "reject_recipient" | "drop_after_data";

export interface TestSmtpServer {
  port: number;
  /** Parsed messages accepted, in order. */
  messages: ParsedMail[];
  /** Messages received even when the connection was then dropped (what the recipient may have got). */
  received: number;
  /** SMTP connections opened by clients so far. */
  connections: number;
  fail(...faults: SmtpFault[]): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(options: { users?: Record<string, string>; /** false: count messages without parsing them (the benchmark's sink). */ parse?: boolean; /** Each message accepted, raw, as the server answers 250. */ onAccepted?: (raw: Buffer) => void } = {}): Promise<TestSmtpServer> {
  const faults: SmtpFault[] = [];
  const messages: ParsedMail[] = [];
  const state = { received: 0, connections: 0 };
  const users = options.users;
  // Each client's socket by its port on 127.0.0.1 (a session knows its remote port, not its socket).
  const sockets = new Map<number, net.Socket>();
  const dropConnection = (session: SMTPServerSession) => sockets.get(session.remotePort)?.destroy();
  const server = new SMTPServer({
    disabledCommands: users ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !users,
    allowInsecureAuth: true,
    logger: false,
    // Pooled clients keep idle connections open: closing the server ends them at once.
    closeTimeout: 50,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (users && auth.username && users[auth.username] === auth.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (faults[0] === "reject_recipient") {
        faults.shift();
        return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: 550 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const fault = faults.shift();
        if (fault === "4xx") return callback(Object.assign(new Error("4.3.0 Mailbox temporarily unavailable, try again"), { responseCode: 451 }));
        if (fault === "5xx") return callback(Object.assign(new Error("5.7.1 Message rejected by policy"), { responseCode: 554 }));
        state.received += 1;
        if (fault === "drop_after_data") {
          // The message arrived, but the answer never does.
          dropConnection(session);
          return;
        }
        if (options.parse === false) {
          options.onAccepted?.(Buffer.concat(chunks));
          return callback();
        }
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          messages.push(parsed);
          callback();
        }, callback);
      });
    },
  });
  server.on("error", () => {
    // Dropped connections surface here; they are part of the scripted faults.
  });
  server.server.on("connection", (socket: net.Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    sockets.set(port, socket);
    socket.on("close", () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("the SMTP server is not listening on a TCP port");
  return {
    port: address.port,
    messages,
    get received() {
      return state.received;
    },
    get connections() {
      return state.connections;
    },
    fail(...more) {
      faults.push(...more);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
