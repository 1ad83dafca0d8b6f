import Link from "next/link";

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not allow it. Sign in with another account if you have one.</p>
      <Link href="/login" className="mt-6 inline-block text-indigo-700 underline">
        Sign in with another account
      </Link>
    </main>
  );
}
