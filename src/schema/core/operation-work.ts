import { GraphQLError } from 'graphql';
import type { ReportOptions } from '../../domain/report/call-report.js';
import { badUserInput } from './errors.js';

/** What bounds the work of one operation (each an environment variable, config.ts). */
export interface WorkLimits {
  /** MAX_QUERY_COMPLEXITY: what the operation may cost once its reports' groups are known. */
  readonly complexity: number;
  /** MAX_REPORT_GROUPS. */
  readonly reportGroups: number;
  /** MAX_OPERATION_SECONDS, in milliseconds. */
  readonly operationMs: number;
}

/**
 * The work of one operation (or one event of a subscription): what it has cost so far, and the signal
 * that stops it. The signal aborts when the client goes away, when the operation has computed for
 * MAX_OPERATION_SECONDS, or when a report's estimate takes the cost over MAX_QUERY_COMPLEXITY; reports
 * check it between windows (domain/util/yielding.ts), so their work stops there, and the reason is the
 * error the operation's unfinished fields answer with.
 */
export class OperationWork {
  private readonly stopper = new AbortController();
  private deadline: NodeJS.Timeout | undefined;
  private started = false;
  /** The complexity measured before the operation ran (schema/core/complexity.ts), with lists at a guessed length. */
  private measured = 0;
  /** What the reports added once their groups were estimated: the real length of their lists in place of the guess. */
  private charged = 0;
  /** Groups the operation's reports were estimated to have, together. */
  private groups = 0;
  /** Reports being estimated now, and who waits for them all to be charged. */
  private estimating = 0;
  private readonly waitingForCharges: (() => void)[] = [];

  constructor(
    readonly limits: WorkLimits,
    private readonly clientSignal?: AbortSignal,
    /** Told of every step of report work (a window scanned, a table derived): the metrics count them. */
    private readonly onStep?: () => void,
  ) {
    if (clientSignal?.aborted) this.stop(clientGone());
    else clientSignal?.addEventListener('abort', () => this.stop(clientGone()), { once: true });
  }

  /**
   * The signal computations check, their clock started: MAX_OPERATION_SECONDS count from the first
   * computation, so that waiting for wolkvox (bounded by WOLKVOX_FETCH_DEADLINE_SECONDS) is not the
   * operation's own time.
   */
  begin(): AbortSignal {
    if (!this.started) {
      this.started = true;
      this.deadline = setTimeout(() => this.stop(operationTimeout(this.limits.operationMs)), this.limits.operationMs);
      this.deadline.unref();
    }
    return this.stopper.signal;
  }

  /** The work of one event of a subscription: its own cost and clock, the same client and measure. */
  forEvent(): OperationWork {
    const work = new OperationWork(this.limits, this.clientSignal, this.onStep);
    work.measured = this.measured;
    return work;
  }

  /** How the operation's reports run: stopped by its signal, bounded by MAX_REPORT_GROUPS, their steps counted. */
  reportOptions(): ReportOptions {
    return { signal: this.begin(), maxGroups: this.limits.reportGroups, ...(this.onStep && { onStep: this.onStep }) };
  }

  /** The operation is over: its deadline no longer matters. */
  end(): void {
    clearTimeout(this.deadline);
  }

  /** Throws why the operation stopped, if it did. */
  check(): void {
    this.stopper.signal.throwIfAborted();
  }

  /** The complexity measured before the operation ran. */
  set measuredComplexity(complexity: number) {
    this.measured = complexity;
  }

  /** The cost as known now: measured, then corrected by every report's estimate. */
  get complexity(): number {
    return this.measured + this.charged;
  }

  get estimatedGroups(): number {
    return this.groups;
  }

  /**
   * Charges a report its `estimate`: the groups it will have, and what its lists cost more than the
   * measure guessed (less, when they are short). Over MAX_REPORT_GROUPS or MAX_QUERY_COMPLEXITY the
   * operation is refused: this report at once, and whatever else of it still computes. Resolves once
   * every report being estimated alongside (aliases whose windows arrived together) is charged too, so
   * that none of them computes before the operation is known to be within its limits.
   */
  async chargeReport(estimate: () => Promise<{ groups: number; correction: number }>): Promise<void> {
    this.estimating += 1;
    try {
      this.check();
      const { groups, correction } = await estimate();
      if (groups > this.limits.reportGroups) throw this.stop(tooManyGroups(groups, this.limits.reportGroups));
      this.groups += groups;
      this.charged += correction;
      if (this.complexity > this.limits.complexity) throw this.stop(tooComplex(this.complexity, this.limits.complexity));
    } finally {
      this.estimating -= 1;
      if (this.estimating === 0) this.waitingForCharges.splice(0).forEach((resolve) => resolve());
    }
    if (this.estimating > 0) await new Promise<void>((resolve) => this.waitingForCharges.push(resolve));
    this.check();
  }

  private stop(reason: GraphQLError): GraphQLError {
    if (!this.stopper.signal.aborted) this.stopper.abort(reason);
    this.end();
    return reason;
  }
}

/** The limit shape of every refusal (operation-limits.ts): BAD_USER_INPUT with `limit`, `measured` and `max`. */
export function tooManyGroups(measured: number, max: number): GraphQLError {
  return badUserInput(
    `This report would have about ${measured} groups; a report may have at most ${max} (MAX_REPORT_GROUPS). Group by fewer dimensions, a coarser period or a shorter range, or filter.`,
    { limit: 'reportGroups', measured, max },
  );
}

function tooComplex(measured: number, max: number): GraphQLError {
  return badUserInput(
    `Operation too expensive: with its reports' groups counted, its complexity is ${measured}, the limit is ${max} (MAX_QUERY_COMPLEXITY). Ask for fewer groups (a coarser period, fewer dimensions, \`limit\`), fewer figures per group, or split it.`,
    { limit: 'complexity', measured, max },
  );
}

function operationTimeout(ms: number): GraphQLError {
  const seconds = ms / 1000;
  return new GraphQLError(`The operation computed for ${seconds} s, its limit (MAX_OPERATION_SECONDS), and was stopped. Ask for less at once: a shorter range, fewer groups or figures, or split it.`, {
    extensions: { code: 'OPERATION_TIMEOUT', limit: 'operationSeconds', max: seconds },
  });
}

/** Nobody reads this answer; the code keeps it out of the server's error log. */
function clientGone(): GraphQLError {
  return new GraphQLError('The client closed the request before its answer was ready; its work was stopped.', { extensions: { code: 'CLIENT_CLOSED_REQUEST' } });
}
