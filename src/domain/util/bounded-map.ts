/**
 * A Map that forgets its oldest entries once their total weight passes a bound: for memos that must
 * not grow with the inputs a client can choose (ranges, instants). Oldest by insertion, not by use:
 * reads stay plain Map reads, which matters on paths taken once per call leg.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  private weight = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weightOf: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.weight -= this.weightOf(previous);
    }
    const added = this.weightOf(value);
    for (const [oldest, held] of this.entries) {
      if (this.weight + added <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= this.weightOf(held);
    }
    this.entries.set(key, value);
    this.weight += added;
  }

  get size(): number {
    return this.entries.size;
  }
}
