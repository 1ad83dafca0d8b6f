import "@fontsource-variable/inter";
import "./globals.css";

import type { Metadata } from "next";

export const metadata: Metadata = {
  title: "Ladle",
  description: "Pairwise judgments of language-model responses under stated preferences.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
