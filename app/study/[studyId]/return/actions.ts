"use server";

import { z } from "zod";

import { releaseParticipation } from "@/lib/assignment/release-participation";
import { signOut } from "@/lib/auth/auth";
import { requireRole } from "@/lib/auth/require-role";
import { AppError, formatZodError } from "@/lib/errors";

export type ReturnStudyState = { message?: string };

const returnStudySchema = z.object({ studyId: z.string().min(1) });

/**
 * Return a study for the signed-in crowdworker: release their leases so other crowdworkers
 * can take the items at once, sign them out, and show what to do on the recruiting platform.
 */
export async function returnStudyAction(_previous: ReturnStudyState, formData: FormData): Promise<ReturnStudyState> {
  const parsed = returnStudySchema.safeParse({ studyId: formData.get("studyId") });
  if (!parsed.success) {
    return { message: `The request is malformed (${formatZodError(parsed.error)}). Reload the page and try again.` };
  }
  const { studyId } = parsed.data;

  try {
    const user = await requireRole("CROWDWORKER");
    await releaseParticipation({ studyId, userId: user.id });
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
      return {
        message:
          "Your session has ended, so your item could not be released here; it returns to other participants when its time runs out. Return the study on the recruiting platform.",
      };
    }
    if (error instanceof AppError) {
      return { message: error.message };
    }
    throw error;
  }

  await signOut({ redirectTo: `/study/${encodeURIComponent(studyId)}/return` });
  return {};
}
