/**
 * Tracking-number detection benchmark: `npm run bench:detect` (tsx app/bench/detect.ts).
 *
 * Builds a deterministic mixed corpus (valid numbers of every format with check digits computed by
 * the check-digit functions, plus invalid ones), then times our `detectTrackingNumber` and the
 * `ts-tracking-number` package's `getTracking` on the same corpus in the same run, and counts how
 * many numbers each identifies correctly: for a valid number, the right carrier among the answers;
 * for an invalid one, a rejection.
 *
 * Options: --size N (default 120000), --seed N (default 20261120), --rounds N (default 3).
 */
import { getTracking } from "ts-tracking-number";
import { detectTrackingNumber } from "~/domain/tracking-number/detect";
import { TRACKING_FORMATS } from "~/domain/tracking-number/formats";
import { generateSampleNumber, seededRandom, type RandomSource } from "~/domain/tracking-number/sample-numbers";
import { numberOption as option } from "./kit/options";

interface CorpusEntry {
  number: string;
  /** Expected carrier, or null when the number must be rejected. */
  carrier: string | null;
  format: string;
}

/** Formats whose length and first characters no other format shares, so a broken check digit is surely invalid. */
const UNAMBIGUOUS_CHECKED = ["ups_1z", "ontrac", "s10", "fedex_ground_96", "dpd_28", "fedex_express_34"];

function changeCheckDigit(number: string, format: string, random: RandomSource): string {
  const pattern = TRACKING_FORMATS.find((entry) => entry.id === format)?.pattern;
  const match = pattern ? new RegExp(pattern.source, "d").exec(number) : null;
  const span = match?.indices?.groups?.check;
  if (!span) return `${number}X`;
  const current = number.charAt(span[0]);
  let replacement = current;
  while (replacement === current) replacement = String(Math.floor(random() * 10));
  return number.slice(0, span[0]) + replacement + number.slice(span[1]);
}

function buildCorpus(size: number, seed: number): CorpusEntry[] {
  const random = seededRandom(seed);
  const formats = TRACKING_FORMATS.map((format) => format.id);
  const corpus: CorpusEntry[] = [];
  for (let index = 0; index < size; index++) {
    const roll = random();
    if (roll < 0.7) {
      const sample = generateSampleNumber(formats[index % formats.length] ?? "ups_1z", random);
      // Merchants type numbers in many ways: spaced, lower case, dashed.
      const style = random();
      const typed =
        style < 0.1 ? sample.number.toLowerCase() : style < 0.2 ? sample.number.replace(/(.{4})/g, "$1 ").trim() : sample.number;
      corpus.push({ number: typed, carrier: sample.carrier, format: sample.format });
    } else if (roll < 0.9) {
      const format = UNAMBIGUOUS_CHECKED[index % UNAMBIGUOUS_CHECKED.length] ?? "ups_1z";
      const sample = generateSampleNumber(format, random);
      corpus.push({ number: changeCheckDigit(sample.number, format, random), carrier: null, format: `${format} (bad check digit)` });
    } else {
      const kind = index % 3;
      const junk =
        kind === 0
          ? `#${1000 + Math.floor(random() * 90_000)}`
          : kind === 1
            ? String(Math.floor(random() * 99_999_999))
            : `Q${Math.floor(random() * 1e15).toString(36).toUpperCase()}${Math.floor(random() * 1e9)}`;
      corpus.push({ number: junk, carrier: null, format: "not a tracking number" });
    }
  }
  return corpus;
}

/** ts-tracking-number names S10 items "s10" without the postal operator; we count that as right. */
function theirAnswerIsRight(entry: CorpusEntry, code: string | undefined): boolean {
  if (entry.carrier === null) return code === undefined;
  if (code === undefined) return false;
  return code === entry.carrier || (code === "s10" && entry.format === "s10");
}

function time(rounds: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function main(): void {
  const size = option("size", 120_000);
  const seed = option("seed", 20_261_120);
  const rounds = option("rounds", 3);
  const corpus = buildCorpus(size, seed);
  const validCount = corpus.filter((entry) => entry.carrier !== null).length;

  let oursCorrect = 0;
  let theirsCorrect = 0;
  const missesByFormat = new Map<string, { ours: number; theirs: number; total: number }>();
  for (const entry of corpus) {
    const detection = detectTrackingNumber(entry.number);
    const ours =
      entry.carrier === null ? !detection.valid : detection.candidates.some((candidate) => candidate.carrier === entry.carrier);
    const theirs = theirAnswerIsRight(entry, getTracking(entry.number)?.courier.code);
    if (ours) oursCorrect++;
    if (theirs) theirsCorrect++;
    const row = missesByFormat.get(entry.format) ?? { ours: 0, theirs: 0, total: 0 };
    row.total++;
    if (!ours) row.ours++;
    if (!theirs) row.theirs++;
    missesByFormat.set(entry.format, row);
  }

  // Warm both up before timing so neither pays for JIT compilation in the measured rounds.
  let sink = 0;
  const oursMs = time(rounds, () => {
    for (const entry of corpus) sink += detectTrackingNumber(entry.number).candidates.length;
  });
  const theirsMs = time(rounds, () => {
    for (const entry of corpus) sink += getTracking(entry.number) ? 1 : 0;
  });

  const rate = (ms: number) => Math.round((corpus.length / ms) * 1000);
  const oursRate = rate(oursMs);
  const theirsRate = rate(theirsMs);
  const percent = (count: number) => `${((count / corpus.length) * 100).toFixed(1)}%`;

  console.log(`corpus: ${corpus.length} numbers (${validCount} valid across ${TRACKING_FORMATS.length} formats, ${corpus.length - validCount} invalid), seed ${seed}, best of ${rounds} rounds`);
  console.log(`trackline detect     ${oursRate.toLocaleString("en-US").padStart(12)} numbers/s   correct ${oursCorrect}/${corpus.length} (${percent(oursCorrect)})`);
  console.log(`ts-tracking-number   ${theirsRate.toLocaleString("en-US").padStart(12)} numbers/s   correct ${theirsCorrect}/${corpus.length} (${percent(theirsCorrect)})`);
  console.log(`speed ratio: ${(oursRate / theirsRate).toFixed(1)}x   correctly identified: +${oursCorrect - theirsCorrect}`);
  console.log("\nmisses by format (trackline / ts-tracking-number / total):");
  for (const [format, row] of [...missesByFormat.entries()].sort()) {
    if (row.ours > 0 || row.theirs > 0) console.log(`  ${format.padEnd(36)} ${String(row.ours).padStart(6)} ${String(row.theirs).padStart(6)} ${String(row.total).padStart(6)}`);
  }
  if (sink < 0) console.log(sink); // Keeps the timed loops from being optimized away.
}

main();
