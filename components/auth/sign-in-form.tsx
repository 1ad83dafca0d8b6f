"use client";

import { useActionState } from "react";

import { signInWithPassword, type SignInState } from "@/app/login/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";

export function SignInForm() {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, {});

  return (
    <form action={formAction} className="space-y-4">
      <Field label="Email" htmlFor="email">
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClassName} />
      </Field>
      <Field label="Password" htmlFor="password">
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClassName} />
      </Field>
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
