import { GraphQLError } from 'graphql';

/**
 * The live subscriptions an instance holds open: each is a connection and what it listens with, so there
 * are at most MAX_SUBSCRIPTIONS, and one principal (an ACCESS_POLICY entry, a JWT's subject, the keys of
 * API_KEYS together, anonymous callers together; counted by its name) holds at most
 * MAX_SUBSCRIPTIONS_PER_PRINCIPAL of them, so that one principal cannot take every slot.
 */
export class SubscriptionSlots {
  private held = 0;
  private readonly byPrincipal = new Map<string, number>();

  constructor(
    readonly max: number,
    readonly maxPerPrincipal: number,
  ) {}

  /** Subscriptions open now. */
  get size(): number {
    return this.held;
  }

  heldBy(principal: string): number {
    return this.byPrincipal.get(principal) ?? 0;
  }

  /** A slot for `principal`, or the limit it meets (SUBSCRIPTION_LIMIT). The function returned gives it back (once). */
  take(principal: string): () => void {
    if (this.held >= this.max) throw subscriptionLimit(`This server holds ${this.max} live subscriptions, its limit (MAX_SUBSCRIPTIONS)`, 'subscriptions', this.max);
    const mine = this.heldBy(principal);
    if (mine >= this.maxPerPrincipal) {
      throw subscriptionLimit(`This principal holds ${mine} live subscriptions, the limit for one principal (MAX_SUBSCRIPTIONS_PER_PRINCIPAL)`, 'subscriptionsPerPrincipal', this.maxPerPrincipal);
    }
    this.held += 1;
    this.byPrincipal.set(principal, mine + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.held -= 1;
      const left = this.heldBy(principal) - 1;
      if (left === 0) this.byPrincipal.delete(principal);
      else this.byPrincipal.set(principal, left);
    };
  }
}

function subscriptionLimit(what: string, limit: string, max: number): GraphQLError {
  return new GraphQLError(`${what}; close one, try again later, or poll the query instead.`, { extensions: { code: 'SUBSCRIPTION_LIMIT', limit, max } });
}
