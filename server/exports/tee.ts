// One source read once, consumed by several writers at their own pace. Each item is kept until every
// reader has taken it, and no reader may run more than `maxLead` items ahead of the slowest: without
// that bound, fast writers (CSV, JSON) pull the whole source into memory while a slow one (XLSX) lags.
export function tee<T>(source: AsyncIterator<T>, n: number, maxLead: number): AsyncIterable<T>[] {
  const buffer: IteratorResult<T>[] = [];
  let base = 0;
  const positions = new Array<number>(n).fill(0);
  let pending: Promise<void> | null = null;
  let waiting: (() => void)[] = [];
  const pull = () =>
    (pending ??= source.next().then((r) => {
      buffer.push(r);
      pending = null;
    }));
  const slowest = () => Math.min(...positions);
  return positions.map((_, i) => ({
    [Symbol.asyncIterator]: () => ({
      async next(): Promise<IteratorResult<T>> {
        // Ahead of the slowest by the bound: wait until some reader moves.
        while (positions[i]! - slowest() >= maxLead) await new Promise<void>((resolve) => waiting.push(resolve));
        while (positions[i]! - base >= buffer.length) await pull();
        const result = buffer[positions[i]! - base]!;
        positions[i]!++;
        const min = slowest();
        while (base < min && buffer.length) {
          buffer.shift();
          base++;
        }
        const woken = waiting;
        waiting = [];
        for (const wake of woken) wake();
        return result;
      },
    }),
  }));
}
