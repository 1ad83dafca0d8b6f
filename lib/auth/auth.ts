import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";

import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { enterStudy, enterStudySchema } from "@/lib/studies/enter-study";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

const passwordSignInSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1),
});

export const { handlers, signIn, signOut } = NextAuth({
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  trustHost: true,
  providers: [
    Credentials({
      id: "password",
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const parsed = passwordSignInSchema.safeParse(credentials);
        if (!parsed.success) {
          return null;
        }

        const user = await db.user.findUnique({ where: { email: parsed.data.email } });
        if (!user?.passwordHash || user.disabledAt || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
          logger.info({ email: parsed.data.email }, "password sign-in rejected");
          return null;
        }

        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
    Credentials({
      id: "participant",
      credentials: { studyId: {}, prolificPid: {}, prolificStudyId: {}, prolificSessionId: {} },
      async authorize(credentials) {
        const parsed = enterStudySchema.safeParse(credentials);
        if (!parsed.success) {
          return null;
        }

        const user = await enterStudy(parsed.data);
        return { id: user.id, name: user.pseudonym, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub as string;
      session.user.role = token.role as Role;
      return session;
    },
  },
});
