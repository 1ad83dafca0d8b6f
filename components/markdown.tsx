import type { Parent, Root, RootContent } from "mdast";
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

import { cn } from "@/lib/utils";

/** Node types whose children are blocks, so raw HTML inside them becomes a paragraph. */
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

/**
 * Remark plugin that turns raw HTML in the markdown into plain text. react-markdown would
 * otherwise drop it silently, and a response that contains HTML should be shown as written.
 */
function remarkHtmlAsText() {
  return (tree: Root) => {
    replaceHtml(tree);
  };
}

function replaceHtml(parent: Parent): void {
  parent.children = parent.children.map((child): RootContent => {
    if (child.type === "html") {
      const text = { type: "text" as const, value: child.value };
      return FLOW_PARENTS.has(parent.type) ? { type: "paragraph", children: [text] } : text;
    }
    if ("children" in child) {
      replaceHtml(child);
    }
    return child;
  }) as Parent["children"];
}

const MARKDOWN_STYLES = cn(
  "space-y-3 break-words text-sm leading-relaxed",
  "[&_a]:text-indigo-700 [&_a]:underline",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold",
  "[&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6",
  "[&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2",
);

/**
 * Render untrusted markdown, such as a model's response. Raw HTML is shown as text and the
 * generated HTML goes through rehype-sanitize's default schema, so no script, event handler
 * or javascript: link can reach the page.
 */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn(MARKDOWN_STYLES, className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} rehypePlugins={[rehypeSanitize]}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
