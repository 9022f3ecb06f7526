/** What spends wolkvox requests against a daily limit: one per tier, in src/budget/ (this process's, one instance's on disk, or one shared by replicas). */
export interface RequestBudget {
  readonly limit: number;
  /** Requests spent today (as last known, for a shared budget). */
  readonly used: number;
  /** Takes one request from today's budget, or throws UPSTREAM_QUOTA when none is left. */
  spend(): void | Promise<void>;
}
