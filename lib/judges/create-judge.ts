import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { JudgeSettings } from "@/lib/judges/judge-settings-schema";

/** Create a judge with its first version. A taken name is a CONFLICT. */
export async function createJudge(options: { actor: Actor; name: string; description: string; settings: JudgeSettings }) {
  const actor = assertRole(options.actor, "ADMIN");
  const name = options.name.trim();
  if (name === "") {
    throw new AppError("INVALID_INPUT", "The judge name is empty. Enter a name such as gpt-4-judge.");
  }

  try {
    return await db.judge.create({
      data: {
        name,
        description: options.description.trim(),
        createdById: actor.id,
        versions: { create: { version: 1, ...options.settings } },
      },
      include: { versions: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A judge named "${name}" already exists. Choose another name or add a version to it.`);
    }
    throw error;
  }
}
