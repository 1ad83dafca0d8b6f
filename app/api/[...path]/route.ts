import { AppError, toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Return a JSON 404 for an API path that no route serves, so that every API error is JSON. */
function respondNotFound(request: Request) {
  const { pathname } = new URL(request.url);
  return toErrorResponse(new AppError("NOT_FOUND", `No API route at ${pathname}. Check the path against the README and docs/.`));
}

export { respondNotFound as DELETE, respondNotFound as GET, respondNotFound as PATCH, respondNotFound as POST, respondNotFound as PUT };
