"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";

import { getStudyForCrowdworker } from "@/lib/assignment/get-study-for-crowdworker";
import { signIn } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AppError, formatZodError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { enterStudy, enterStudySchema } from "@/lib/studies/enter-study";

export type EnterStudyState = { message?: string };

/**
 * Enter a study from its link. This is the crowdworkers' sign-in, so it is open to visitors
 * without a session. A signed-in crowdworker resumes as themselves unless the link carries
 * another Prolific id; everyone else signs in through the "participant" provider.
 */
export async function enterStudyAction(_previous: EnterStudyState, formData: FormData): Promise<EnterStudyState> {
  const parsed = enterStudySchema.safeParse({
    studyId: formData.get("studyId"),
    prolificPid: formData.get("prolificPid") ?? "",
    prolificStudyId: formData.get("prolificStudyId") ?? "",
    prolificSessionId: formData.get("prolificSessionId") ?? "",
  });
  if (!parsed.success) {
    return { message: `The study link is malformed (${formatZodError(parsed.error)}). Open it from the recruiting platform again.` };
  }
  const input = parsed.data;
  const redirectTo = `/study/${encodeURIComponent(input.studyId)}/instructions`;

  const study = await getStudyForCrowdworker({ studyId: input.studyId });
  if (study?.status !== "OPEN") {
    return { message: "This study is not accepting participants right now. Return to the recruiting platform." };
  }

  const current = await getCurrentUser();
  let resumed = false;
  if (current?.role === "CROWDWORKER") {
    try {
      const user = await enterStudy(input, { returningUserId: current.id });
      resumed = user.id === current.id;
    } catch (error) {
      if (error instanceof AppError) {
        return { message: error.message };
      }
      throw error;
    }
  }
  if (resumed) {
    redirect(redirectTo);
  }

  try {
    // Auth.js sends these as form fields, where undefined would become the string "undefined".
    await signIn("participant", {
      studyId: input.studyId,
      prolificPid: input.prolificPid ?? "",
      prolificStudyId: input.prolificStudyId ?? "",
      prolificSessionId: input.prolificSessionId ?? "",
      redirectTo,
    });
    return {};
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the sign-in failed.
    if (error instanceof AuthError) {
      logger.warn({ err: error, studyId: input.studyId }, "participant sign-in failed");
      return { message: "We could not start your session. Open the study link from the recruiting platform again." };
    }
    throw error;
  }
}
