/** The oldest Node.js major the server runs on (the Shopify libraries need ≥ 22; we pin 24 LTS). */
export const MIN_NODE_MAJOR = 24;

export function nodeVersionProblem(version: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isFinite(major) && major >= MIN_NODE_MAJOR) return null;
  return (
    `Trackline needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${version}. ` +
    "Run it through npm (`npm start`, `npm run demo`): the project's pinned Node 24 is used automatically."
  );
}

/** Stops the process on an unsupported Node before anything else loads. */
export function assertSupportedNode(version = process.version): void {
  const problem = nodeVersionProblem(version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
