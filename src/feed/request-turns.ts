/** Ends a turn; calling it again changes nothing. */
export type EndTurn = () => void;

/**
 * The order in which one batch's upstream requests are sent: one at a time, each as soon as the
 * answer before it has been received — not read — so that reading answer n overlaps fetching answer
 * n+1, while the batch never has more than one request waiting for the token (other operations'
 * requests are not stuck behind a whole batch).
 */
export class RequestTurns {
  private taken = false;
  private readonly waiting: (() => void)[] = [];

  /** The next turn after every one taken so far; resolves, when it comes, to the function that ends it. */
  take(): Promise<EndTurn> {
    const [turn, grant] = this.turn();
    this.waiting.push(grant);
    this.pass();
    return turn;
  }

  /**
   * `count` turns, in order, ahead of every turn still waiting: the parts of a run (planned, or split
   * after a truncated answer) are asked before the batch's later runs, as they would be one run at a time.
   */
  takeAhead(count: number): Promise<EndTurn>[] {
    const turns = Array.from({ length: count }, () => this.turn());
    this.waiting.unshift(...turns.map(([, grant]) => grant));
    this.pass();
    return turns.map(([turn]) => turn);
  }

  private turn(): [Promise<EndTurn>, () => void] {
    let grant!: () => void;
    const turn = new Promise<EndTurn>((resolve) => {
      grant = () => {
        let ended = false;
        resolve(() => {
          if (ended) return;
          ended = true;
          this.taken = false;
          this.pass();
        });
      };
    });
    return [turn, grant];
  }

  private pass(): void {
    if (this.taken) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.taken = true;
    next();
  }
}
