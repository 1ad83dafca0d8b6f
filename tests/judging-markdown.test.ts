import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Markdown } from "@/components/markdown";

function render(markdown: string): string {
  return renderToStaticMarkup(createElement(Markdown, null, markdown));
}

describe("Markdown", () => {
  it("shows a script tag as text", () => {
    const html = render("<script>alert(1)</script>");

    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("shows an img with onerror as text", () => {
    const html = render("<img src=x onerror=alert(1)>");

    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows inline HTML as text", () => {
    const html = render("Hello <b onclick=\"alert(1)\">bold</b> world");

    expect(html).not.toContain("<b ");
    expect(html).toContain("&lt;b onclick=");
  });

  it("drops javascript links", () => {
    const html = render("[click](javascript:alert(1))");

    expect(html).not.toContain("javascript:");
    expect(html).toContain("click");
  });

  it("renders markdown and GFM tables", () => {
    const html = render("**bold**\n\n| a | b |\n|---|---|\n| 1 | 2 |");

    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>2</td>");
  });
});
