import { Suspense, type ReactNode } from "react";

import { WidgetErrorBoundary } from "@/components/dashboard/widget-error-boundary";
import { WidgetSkeleton } from "@/components/dashboard/widget-skeleton";
import { Card } from "@/components/ui/card";

/**
 * Render a dashboard card that loads on its own. Its `children` (usually an async server
 * component) stream in behind a skeleton, and a failure replaces only this card's body with a notice.
 */
export function DashboardWidget({
  id,
  title,
  description,
  actions,
  skeletonRows,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  skeletonRows?: number;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;

  return (
    <Card className="space-y-4" aria-labelledby={headingId} role="region" data-testid={`widget-${id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && <p className="text-sm text-slate-600">{description}</p>}
        </div>
        {actions}
      </div>
      <WidgetErrorBoundary title={title}>
        <Suspense fallback={<WidgetSkeleton label={title} rows={skeletonRows} />}>{children}</Suspense>
      </WidgetErrorBoundary>
    </Card>
  );
}
