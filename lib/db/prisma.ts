import { PrismaPg } from "@prisma/adapter-pg";

import { getPool } from "@/lib/db/pool";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * Return the shared Prisma client, created on first use so that `next build` runs without
 * DATABASE_URL. It runs its queries on the process's pg pool (lib/db/pool.ts). Development
 * hot reloads reuse the client kept on globalThis.
 */
export function getPrisma(): PrismaClient {
  if (globalForPrisma.prisma) {
    return globalForPrisma.prisma;
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(getPool()) });
  globalForPrisma.prisma = prisma;
  return prisma;
}

export type { Prisma } from "@/lib/generated/prisma/client";

/** The shared Prisma client, resolved on first property access. */
export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
