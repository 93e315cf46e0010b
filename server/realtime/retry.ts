// A few more tries, after growing pauses, for work that fails on a passing condition (a connection
// dropped by a database restart, a pool briefly exhausted). The last failure is thrown.
export async function withRetries<T>(fn: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= delaysMs.length) throw err;
      await new Promise((r) => setTimeout(r, delaysMs[attempt]));
    }
  }
}
