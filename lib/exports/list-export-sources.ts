import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";

/** Return the studies, labelling sets (with their format) and judge versions an export can be built from, for the export form. */
export async function listExportSources({ actor }: { actor: Actor | null | undefined }) {
  assertRole(actor, "RESEARCHER");

  const [studies, labelingSets, judgeVersions] = await Promise.all([
    db.study.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true } }),
    db.labelingSet.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, format: true } }),
    db.judgeVersion.findMany({
      orderBy: [{ judge: { name: "asc" } }, { version: "desc" }],
      select: { id: true, version: true, model: true, judge: { select: { name: true } } },
    }),
  ]);
  return {
    studies,
    labelingSets,
    judgeVersions: judgeVersions.map((version) => ({ id: version.id, label: `${version.judge.name} v${version.version} (${version.model})` })),
  };
}
