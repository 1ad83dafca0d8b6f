import Link from "next/link";

import { requirePageRole } from "@/lib/auth/require-page-role";

import { signOutAction } from "./sign-out-action";

export const dynamic = "force-dynamic";

/** Shell of every admin and researcher page; each page checks its own role as well. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole("RESEARCHER", "ADMIN");

  return (
    <div>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3 text-sm">
          <Link href="/studies" className="font-semibold text-indigo-700">
            Ladle
          </Link>
          <Link href="/studies">Studies</Link>
          <Link href="/preferences">Preferences</Link>
          <Link href="/exports">Exports</Link>
          <Link href="/training">Training</Link>
          {user.role === "ADMIN" && <Link href="/admin/uploads">Uploads</Link>}
          {user.role === "ADMIN" && <Link href="/admin/judges">Judges</Link>}
          {user.role === "ADMIN" && <Link href="/admin/labeling">Labelling</Link>}
          <span className="ml-auto text-slate-500">
            {user.email} ({user.role.toLowerCase()})
          </span>
          <form action={signOutAction}>
            <button type="submit" className="text-slate-700 underline">
              Sign out
            </button>
          </form>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
