/**
 * One breaker per carrier (and credential): after `failureThreshold` consecutive retryable
 * failures it opens and the scheduler stops calling that carrier until `cooldownMs` has passed;
 * then one trial call (half-open) decides whether to close again or re-open. Shipments skipped
 * while open are only deferred, never dropped.
 */
export type BreakerState = "closed" | "open" | "half_open";

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly options: { failureThreshold: number; cooldownMs: number },
    private readonly clock: () => number,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.clock() - this.openedAt >= this.options.cooldownMs ? "half_open" : "open";
  }

  /** Whether a call may go out now; in half-open state only one trial call at a time. */
  allowRequest(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "half_open" && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  /** When calls may be tried again (epoch ms), for deferring shipments. */
  retryAt(): number {
    return this.openedAt === null ? this.clock() : this.openedAt + this.options.cooldownMs;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  recordFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.options.failureThreshold) this.openedAt = this.clock();
  }
}
