"use client";

import { useRouter } from "next/navigation";
import { Component, useTransition, type ReactNode } from "react";

type Props = { title: string; children: ReactNode };
type State = { error: (Error & { digest?: string }) | null };

/**
 * Catch a failed widget so the rest of the dashboard stays usable. Production builds hide
 * server error messages from the browser, so the notice names the widget and the digest that
 * the server log records next to the real error.
 */
export class WidgetErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) {
      return this.props.children;
    }

    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
        <p className="font-medium">{this.props.title} could not be loaded.</p>
        <p className="mt-1">
          The other widgets are unaffected. Retry, or report the error reference to the study team.
          {error.digest && <span className="block font-mono text-xs">Error reference: {error.digest}</span>}
        </p>
        <RetryButton onRetry={() => this.setState({ error: null })} />
      </div>
    );
  }
}

function RetryButton({ onRetry }: { onRetry: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <button
      type="button"
      disabled={pending}
      className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 text-red-900 hover:bg-red-100 disabled:opacity-60"
      onClick={() =>
        startTransition(() => {
          router.refresh();
          onRetry();
        })
      }
    >
      {pending ? "Retrying…" : "Retry"}
    </button>
  );
}
