import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";

/** Return the simulated judge versions with judgments in a study, labelled "name vN", ordered by name and version. */
export async function listStudyJudgeVersions({ actor, studyId }: { actor: Actor | null | undefined; studyId: string }): Promise<{ id: string; label: string }[]> {
  assertRole(actor, "RESEARCHER");

  const versions = await db.judgeVersion.findMany({
    where: { judgments: { some: { studyItem: { studyId } } } },
    select: { id: true, version: true, judge: { select: { name: true } } },
    orderBy: [{ judge: { name: "asc" } }, { version: "asc" }],
  });
  return versions.map((version) => ({ id: version.id, label: `${version.judge.name} v${version.version}` }));
}
