import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";

import { GoldItemForm } from "@/components/quality/gold-item-form";
import { QualityTable } from "@/components/quality/quality-table";
import { StudyStatusBadge } from "@/components/studies/study-status-badge";
import { StudyStatusControls } from "@/components/studies/study-status-controls";
import { WinRateSummary } from "@/components/studies/win-rate-summary";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { getCrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";
import { getStudyOverview } from "@/lib/studies/get-study-overview";

export const dynamic = "force-dynamic";

const PROLIFIC_PARAMETERS = "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

export default async function StudyPage({ params }: { params: Promise<{ studyId: string }> }) {
  const user = await requirePageRole("RESEARCHER");
  const { studyId } = await params;

  const study = await getStudyOverview({ studyId });
  if (!study) {
    notFound();
  }

  const [winRates, quality, origin] = await Promise.all([
    getStudyWinRateTable({ actor: user, studyId, filter: { ...DEFAULT_STUDY_STATS_FILTER, judgeKind: "human" } }),
    getCrowdworkerQuality({ actor: user, studyId }),
    requestOrigin(),
  ]);
  const studyLink = `${origin}/study/${study.id}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/studies" className="text-sm text-indigo-700 underline">
            All studies
          </Link>
          <h1 className="mt-2 flex items-center gap-3 text-2xl font-semibold">
            {study.name} <StudyStatusBadge status={study.status} />
          </h1>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <Link href={`/studies/${study.id}/dashboard`} className="text-sm font-medium text-indigo-700 underline">
            Open the dashboard
          </Link>
          <StudyStatusControls studyId={study.id} status={study.status} />
        </div>
      </div>

      <Card className="space-y-2">
        <h2 className="text-lg font-semibold">Study link for crowdworkers</h2>
        <p className="break-all font-mono text-sm" data-testid="study-link">
          {studyLink}
        </p>
        <p className="text-sm text-slate-600">
          On Prolific, enter this link as the study URL; Prolific appends{" "}
          <code className="break-all">{PROLIFIC_PARAMETERS}</code> so each crowdworker is recognized when they return.
        </p>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Progress</h2>
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <Stat label="Items" value={study.itemCount} testId="progress-items" />
          <Stat label="Items judged by crowdworkers / wanted" value={`${study.judgmentsDone} / ${study.judgmentsTarget}`} testId="progress-judgments" />
          <Stat label="Crowdworkers started" value={study.crowdworkersStarted} testId="progress-started" />
          <Stat label="Crowdworkers finished" value={study.crowdworkersFinished} testId="progress-finished" />
        </dl>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">Settings</h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <Setting label="Prompt set">
            {study.promptSet.name} ({study.promptSet._count.prompts} prompts)
          </Setting>
          <Setting label="Baseline system">{study.baselineSystem.name}</Setting>
          <Setting label="Candidate systems">{study.candidateNames.join(", ")}</Setting>
          <Setting label="Combinations">{study.combinationNames.join(", ")}</Setting>
          <Setting label="Criteria">{study.criterionDimensionKeys.join(", ")}</Setting>
          <Setting label="Judgments per item">{study.judgmentsPerItem}</Setting>
          <Setting label="Items per crowdworker">{study.itemsPerWorker}</Setting>
          <Setting label="Lease">{study.leaseMinutes} minutes</Setting>
          <Setting label="Completion code">{study.completionCode}</Setting>
          <Setting label="Completion URL">{study.completionUrl ?? "none"}</Setting>
          <Setting label="Minimum seconds per item">{offOr(study.minSecondsPerItem, `${study.minSecondsPerItem} s`)}</Setting>
          <Setting label="Attention checks">{offOr(study.attentionCheckEvery, `one after every ${study.attentionCheckEvery} items`)}</Setting>
          <Setting label="Gold items for each crowdworker">{offOr(study.goldItemsPerWorker, String(study.goldItemsPerWorker))}</Setting>
          <Setting label="Comprehension check">{study.comprehensionCheck ? "on (two attempts)" : "off"}</Setting>
          <Setting label="Warn / block after failed checks">
            {offOr(study.qualityWarnThreshold, String(study.qualityWarnThreshold))} / {offOr(study.qualityBlockThreshold, String(study.qualityBlockThreshold))}
          </Setting>
          <Setting label="Instructions">
            <span className="whitespace-pre-wrap">{study.instructions}</span>
          </Setting>
          <Setting label="Created">
            {study.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC by {study.createdBy.email ?? study.createdBy.name ?? study.createdById}
          </Setting>
        </dl>
      </Card>

      <Card className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 className="text-lg font-semibold">Win rates</h2>
          <a href={`/api/studies/${study.id}/judgments.csv`} className="text-sm text-indigo-700 underline">
            Download judgments (CSV)
          </a>
        </div>
        <p className="text-sm text-slate-600">
          Crowdworkers&apos; judgments, ties as half a win, excluded crowdworkers left out. The{" "}
          <Link href={`/studies/${study.id}/dashboard`} className="text-indigo-700 underline">
            dashboard
          </Link>{" "}
          shows every combination and criterion, the simulated judges, other tie conventions and filters.
        </p>
        <WinRateSummary winRates={winRates.judgeKinds[0]} baselineSystem={winRates.baselineSystem} />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Quality</h2>
        <p className="text-sm text-slate-600">
          Judgments on gold items and attention checks are scored here and never count in the win rates. Excluding a crowdworker
          drops their judgments from the win rates and marks them <code>excluded</code> in the CSV; the exclusion can be revoked.
        </p>
        <QualityTable studyId={study.id} rows={quality} />
        <h3 className="text-base font-semibold">Gold items</h3>
        <GoldItemForm studyId={study.id} criteria={study.criteria} />
      </Card>
    </div>
  );
}

function offOr(value: number, described: string): string {
  return value === 0 ? "off" : described;
}

/** Rebuild the origin the browser used, so the study link can be copied as is. */
async function requestOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.0.0.1") ? "http" : "https");
  return `${protocol}://${host}`;
}

function Stat({ label, value, testId }: { label: string; value: React.ReactNode; testId: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Setting({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
