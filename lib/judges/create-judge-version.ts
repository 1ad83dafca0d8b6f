import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgeSettings } from "@/lib/judges/judge-settings-schema";

/**
 * Store edited settings as the judge's next version; earlier versions and their results stay
 * unchanged. Two concurrent edits both get a version number, the later one retrying once.
 */
export async function createJudgeVersion(options: { actor: Actor; judgeId: string; settings: JudgeSettings }) {
  assertRole(options.actor, "ADMIN");

  for (let attempt = 1; ; attempt += 1) {
    const latest = await db.judgeVersion.findFirst({ where: { judgeId: options.judgeId }, orderBy: { version: "desc" }, select: { version: true } });
    if (!latest) {
      throw new AppError("NOT_FOUND", `Judge ${options.judgeId} was not found.`);
    }

    try {
      return await db.judgeVersion.create({ data: { judgeId: options.judgeId, version: latest.version + 1, ...options.settings } });
    } catch (error) {
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        continue;
      }
      throw error;
    }
  }
}
