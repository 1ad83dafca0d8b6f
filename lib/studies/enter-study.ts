import { createHash, randomUUID } from "node:crypto";

import { z } from "zod";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

const externalIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, '-' or '_'");

export const enterStudySchema = z.object({
  studyId: z.string().min(1),
  prolificPid: externalIdSchema.optional().or(z.literal("").transform(() => undefined)),
  prolificStudyId: externalIdSchema.optional().or(z.literal("").transform(() => undefined)),
  prolificSessionId: externalIdSchema.optional().or(z.literal("").transform(() => undefined)),
});

export type EnterStudyInput = z.infer<typeof enterStudySchema>;

/** Prefix of the participant id of a crowdworker who arrived from Prolific; the rest is their PROLIFIC_PID. */
export const PROLIFIC_PARTICIPANT_PREFIX = "prolific:";

/**
 * Find or create the crowdworker entering an open study and record their participation.
 * A Prolific participant id always maps to the same crowdworker, so a new SESSION_ID
 * resumes their work; without one, the crowdworker already signed in on this browser resumes.
 */
export async function enterStudy(input: EnterStudyInput, options: { returningUserId?: string } = {}) {
  const study = await db.study.findUnique({ where: { id: input.studyId }, select: { id: true, status: true } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${input.studyId} does not exist. Check the study link you were given.`);
  }
  if (study.status !== "OPEN") {
    throw new AppError("STUDY_NOT_OPEN", "This study is not accepting participants right now. Return to the recruiting platform.");
  }

  const user = await findOrCreateCrowdworker(input, options.returningUserId);

  await db.studyParticipation.upsert({
    where: { studyId_userId: { studyId: study.id, userId: user.id } },
    create: {
      studyId: study.id,
      userId: user.id,
      prolificStudyId: input.prolificStudyId,
      prolificSessionId: input.prolificSessionId,
    },
    update: { prolificSessionId: input.prolificSessionId },
  });

  return user;
}

/** `returningUserId` must come from the server-side session, never from the request body. */
async function findOrCreateCrowdworker(input: EnterStudyInput, returningUserId: string | undefined) {
  if (input.prolificPid) {
    const participantId = `${PROLIFIC_PARTICIPANT_PREFIX}${input.prolificPid}`;
    const user = await db.user.upsert({
      where: { participantId },
      create: { role: "CROWDWORKER", participantId, pseudonym: pseudonymFor(participantId) },
      update: {},
    });
    return assertActiveCrowdworker(user);
  }

  if (returningUserId) {
    const user = await db.user.findUnique({ where: { id: returningUserId } });
    if (user?.role === "CROWDWORKER") {
      return assertActiveCrowdworker(user);
    }
  }

  const participantId = `link:${randomUUID()}`;
  return db.user.create({ data: { role: "CROWDWORKER", participantId, pseudonym: pseudonymFor(participantId) } });
}

function assertActiveCrowdworker<T extends { role: string; disabledAt: Date | null }>(user: T): T {
  if (user.role !== "CROWDWORKER" || user.disabledAt) {
    throw new AppError("FORBIDDEN", "This participant id cannot take part in studies. Contact the study team.");
  }
  return user;
}

/** Short stable label used in exports and dashboards instead of the participant id. */
function pseudonymFor(participantId: string): string {
  return `W-${createHash("sha256").update(participantId).digest("hex").slice(0, 10)}`;
}
