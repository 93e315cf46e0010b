// The dispatcher's retry (server/realtime/retry.ts): a passing failure is tried again after each pause,
// a lasting one is thrown after the last.
import { describe, expect, it } from "vitest";
import { withRetries } from "../../server/realtime/retry.ts";

describe("withRetries", () => {
  it("succeeds on a later try after passing failures, and throws the last failure when every try fails", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw new Error(`connection lost ${calls}`);
      return "planned";
    };
    await expect(withRetries(flaky, [1, 1, 1])).resolves.toBe("planned");
    expect(calls).toBe(3);

    let tries = 0;
    const broken = async () => {
      tries++;
      throw new Error(`still down ${tries}`);
    };
    await expect(withRetries(broken, [1, 1])).rejects.toThrow("still down 3");
    expect(tries).toBe(3);
  });
});
