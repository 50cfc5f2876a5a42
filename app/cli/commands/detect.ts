import { detectTrackingNumber, type TrackingCandidate, type TrackingDetection } from "~/domain/tracking-number/detect";
import { UsageError, type CliCommand } from "~/cli/command";

const USAGE = `Usage: npm run --silent cli -- detect [--json] [--hint NAME]... <number>...
       npm run --silent cli -- detect [--json] [--hint NAME]... -

Detects the carrier and format of tracking numbers and validates their check digits.
Spaces, dashes and lower case are fine; quote a number that contains spaces.

  --json       one JSON object per line: input, normalized, valid, candidates, reason
  --hint NAME  a carrier name or code to rank first when several carriers fit
               (e.g. the fulfillment's tracking company); repeatable
  -            read numbers from standard input, one per line

Exit code 0 when every number is valid, 1 when any is not, 2 on bad arguments.`;

interface DetectArgs {
  json: boolean;
  hints: string[];
  numbers: string[];
  fromStdin: boolean;
}

function parseArgs(args: readonly string[]): DetectArgs {
  const parsed: DetectArgs = { json: false, hints: [], numbers: [], fromStdin: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--json") parsed.json = true;
    else if (arg === "--hint" || arg.startsWith("--hint=")) {
      const value = arg === "--hint" ? args[++index] : arg.slice("--hint=".length);
      if (!value) throw new UsageError("--hint needs a carrier name");
      parsed.hints.push(value);
    } else if (arg === "-") parsed.fromStdin = true;
    else if (arg === "--") parsed.numbers.push(...args.slice(index + 1));
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option ${arg}`);
    else parsed.numbers.push(arg);
    if (arg === "--") break;
  }
  if (parsed.fromStdin && parsed.numbers.length > 0) throw new UsageError("Give numbers as arguments or `-`, not both");
  if (!parsed.fromStdin && parsed.numbers.length === 0) throw new UsageError("No tracking number given");
  return parsed;
}

/** The JSON shape ops scripts read: only the fields a caller needs, omitted when empty. */
function candidateJson(candidate: TrackingCandidate, normalized: string): Record<string, string> {
  const json: Record<string, string> = { carrier: candidate.carrier, format: candidate.format };
  if (candidate.service) json.service = candidate.service;
  if (candidate.country) json.country = candidate.country;
  if (candidate.trackingNumber !== normalized) json.trackingNumber = candidate.trackingNumber;
  if (candidate.trackingUrl) json.trackingUrl = candidate.trackingUrl;
  return json;
}

function detectionJson(detection: TrackingDetection): string {
  return JSON.stringify({
    input: detection.input,
    normalized: detection.normalized,
    valid: detection.valid,
    candidates: detection.candidates.map((candidate) => candidateJson(candidate, detection.normalized)),
    ...(detection.reason ? { reason: detection.reason } : {}),
  });
}

function detectionText(detection: TrackingDetection): string {
  if (!detection.valid) return `${detection.input}: invalid — ${detection.reason ?? "unknown format"}`;
  const lines = detection.candidates.map((candidate, index) => {
    const details = [candidate.format, candidate.service, candidate.country].filter(Boolean).join(", ");
    const tracking = candidate.trackingNumber !== detection.normalized ? ` tracks as ${candidate.trackingNumber}` : "";
    const url = candidate.trackingUrl ? `  ${candidate.trackingUrl}` : "";
    const check = candidate.checkDigitVerified ? "check digit ok" : "no check digit";
    return `  ${index + 1}. ${candidate.carrier} (${details}; ${check})${tracking}${url}`;
  });
  return [`${detection.normalized}: valid`, ...lines].join("\n");
}

export const detectCommand: CliCommand = {
  name: "detect",
  summary: "Detect the carrier of tracking numbers and validate their check digits",
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args);
    const numbers = options.fromStdin
      ? (await io.readStdin()).split(/\r?\n/).filter((line) => line.trim() !== "")
      : options.numbers;
    let allValid = true;
    for (const number of numbers) {
      const detection = detectTrackingNumber(number, { hint: options.hints });
      allValid &&= detection.valid;
      io.stdout(`${options.json ? detectionJson(detection) : detectionText(detection)}\n`);
    }
    return allValid ? 0 : 1;
  },
};
