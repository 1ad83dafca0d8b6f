"use server";

import { AuthError } from "next-auth";

import { signIn } from "@/lib/auth/auth";

export type SignInState = { message?: string };

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("password", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: "/",
    });
    return {};
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the sign-in failed.
    if (error instanceof AuthError) {
      return { message: "Invalid email or password." };
    }
    throw error;
  }
}
