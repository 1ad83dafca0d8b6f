import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";

export default function LoginPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-2 text-2xl font-semibold">Sign in to Ladle</h1>
      <p className="mb-6 text-sm text-slate-600">
        For admins and researchers. Crowdworkers enter through the study link they were given.
      </p>
      <Card>
        <SignInForm />
      </Card>
    </main>
  );
}
