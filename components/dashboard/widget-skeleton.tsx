/** Render the placeholder shown while a widget's statistics load, `rows` bars high. */
export function WidgetSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-2" data-testid="widget-skeleton">
      <span className="sr-only">Loading {label}…</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="h-5 rounded bg-slate-200" style={{ width: `${90 - index * 12}%` }} />
      ))}
    </div>
  );
}
