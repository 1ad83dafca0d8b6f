import { expect, type Page } from "@playwright/test";

import type { StaffAccount } from "./database";

export async function signIn(page: Page, account: StaffAccount) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
}
