import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { readSessionUserId } from "@/lib/auth/read-session-user-id";

const SECRET = "a-test-secret-of-more-than-thirty-two-characters";
const COOKIE = "authjs.session-token";
const SECURE_COOKIE = "__Secure-authjs.session-token";

const previousSecret = process.env.AUTH_SECRET;

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});

afterAll(() => {
  process.env.AUTH_SECRET = previousSecret;
});

afterEach(() => {
  vi.useRealTimers();
});

async function sessionToken(userId: string, options: { cookieName?: string; secret?: string; maxAge?: number } = {}) {
  return encode({
    token: { sub: userId, role: "CROWDWORKER" },
    secret: options.secret ?? SECRET,
    salt: options.cookieName ?? COOKIE,
    maxAge: options.maxAge,
  });
}

function withCookie(name: string, value: string): Headers {
  return new Headers({ cookie: `other=1; ${name}=${value}` });
}

describe("readSessionUserId", () => {
  it("returns the user of a session cookie", async () => {
    const token = await sessionToken("user-plain");

    expect(await readSessionUserId(withCookie(COOKIE, token))).toBe("user-plain");
    expect(await readSessionUserId(withCookie(COOKIE, token))).toBe("user-plain");
  });

  it("reads the __Secure- cookie that Auth.js writes over HTTPS", async () => {
    const token = await sessionToken("user-secure", { cookieName: SECURE_COOKIE });

    expect(await readSessionUserId(withCookie(SECURE_COOKIE, token))).toBe("user-secure");
  });

  it("returns null without a session cookie", async () => {
    expect(await readSessionUserId(new Headers())).toBeNull();
    expect(await readSessionUserId(new Headers({ cookie: "other=1" }))).toBeNull();
  });

  it("rejects altered and foreign tokens", async () => {
    const token = await sessionToken("user-forged");
    const altered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const otherSecret = await sessionToken("user-forged", { secret: "another-secret-of-more-than-thirty-two-chars" });
    const otherCookie = await sessionToken("user-forged", { cookieName: SECURE_COOKIE });

    expect(await readSessionUserId(withCookie(COOKIE, altered))).toBeNull();
    expect(await readSessionUserId(withCookie(COOKIE, otherSecret))).toBeNull();
    expect(await readSessionUserId(withCookie(COOKIE, otherCookie))).toBeNull();
    expect(await readSessionUserId(withCookie(COOKIE, "not-a-token"))).toBeNull();
  });

  it("rejects an expired token", async () => {
    const token = await sessionToken("user-expired", { maxAge: -60 });

    expect(await readSessionUserId(withCookie(COOKIE, token))).toBeNull();
  });

  it("stops accepting a token it has read once it expires", async () => {
    const token = await sessionToken("user-aging", { maxAge: 60 });
    expect(await readSessionUserId(withCookie(COOKIE, token))).toBe("user-aging");

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 120_000);

    expect(await readSessionUserId(withCookie(COOKIE, token))).toBeNull();
  });

  it("names the missing secret", async () => {
    process.env.AUTH_SECRET = "";
    try {
      await expect(readSessionUserId(new Headers())).rejects.toThrow(/AUTH_SECRET is not set/);
    } finally {
      process.env.AUTH_SECRET = SECRET;
    }
  });
});
