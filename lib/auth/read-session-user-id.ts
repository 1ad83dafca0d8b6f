import { LRUCache } from "lru-cache";
import { decode, getToken } from "next-auth/jwt";

/** Auth.js's session cookie names: the __Secure- one over HTTPS, the plain one over HTTP. */
const SESSION_COOKIES = [
  { name: "__Secure-authjs.session-token", secure: true },
  { name: "authjs.session-token", secure: false },
];

/**
 * Session tokens this process has decrypted, with the user and the expiry they carry. Equal
 * tokens always decode to the same session. The cache saves the key derivation and decryption
 * that every request of a crowdworker would otherwise repeat.
 */
const decodedTokens = new LRUCache<string, { userId: string; expiresAt: number }>({ max: 20_000 });

/**
 * Return the user id of the Auth.js session in a request's headers, or null when there is no
 * valid, unexpired session. Reads the session cookie as Auth.js writes it (chunked or not) and
 * decrypts it with AUTH_SECRET once per token and process.
 */
export async function readSessionUserId(requestHeaders: Headers): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) {
    throw new Error("AUTH_SECRET is not set. Start the app with `npm run dev`, which sets it, or export a random secret of 32 bytes or more.");
  }

  for (const cookie of SESSION_COOKIES) {
    const token = await getToken({ req: { headers: requestHeaders }, secret, secureCookie: cookie.secure, cookieName: cookie.name, raw: true });
    if (token) {
      return decodeSessionToken(token, cookie.name, secret);
    }
  }
  return null;
}

async function decodeSessionToken(token: string, cookieName: string, secret: string): Promise<string | null> {
  const cached = decodedTokens.get(token);
  if (cached) {
    return cached.expiresAt > Date.now() ? cached.userId : null;
  }

  const payload = await decode({ token, secret, salt: cookieName }).catch(() => null);
  if (!payload?.sub || typeof payload.exp !== "number") {
    return null;
  }

  decodedTokens.set(token, { userId: payload.sub, expiresAt: payload.exp * 1000 });
  return payload.sub;
}
