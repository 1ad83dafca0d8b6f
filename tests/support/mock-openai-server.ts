import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A chat completion request as the mock received it. */
export type MockRequest = {
  index: number;
  headers: IncomingHttpHeaders;
  body: { model: string; messages: { role: string; content: string }[]; temperature?: number; max_tokens?: number; response_format?: unknown };
  /** Content of the last message: the item being judged. */
  item: string;
};

/**
 * What the mock sends back. With `content` it sends a chat completion; with `status` an
 * error of that status (and `body`); `delayMs` waits before answering.
 */
export type MockReply = {
  content?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Token counts reported in the completion's usage; 100 prompt and 20 completion tokens by default. */
  usage?: { promptTokens: number; completionTokens: number };
};

export type MockReplier = (request: MockRequest) => MockReply | Promise<MockReply>;

export type MockOpenAiServer = {
  /** Base URL to configure as a judge's baseUrl, ending in /v1. */
  baseUrl: string;
  /** Every request received, in arrival order. */
  requests: MockRequest[];
  /**
   * Requests whose reply was written. NOTE: a reply to a client killed while waiting can still
   * count, because the server notices the closed connection only when it writes.
   */
  answered: MockRequest[];
  /** Epoch milliseconds at which each request arrived, by request index. */
  requestTimes: number[];
  /** Epoch milliseconds at which each answered request's reply was written, by request index. */
  answerTimes: Map<number, number>;
  setReplier: (replier: MockReplier) => void;
  close: () => Promise<void>;
};

/**
 * Start an OpenAI-compatible server on 127.0.0.1 and a free port, serving POST
 * /v1/chat/completions with whatever the replier returns. Tests script it per request.
 */
export async function startMockOpenAiServer(replier: MockReplier): Promise<MockOpenAiServer> {
  let currentReplier = replier;
  const requests: MockRequest[] = [];
  const answered: MockRequest[] = [];
  const requestTimes: number[] = [];
  const answerTimes = new Map<number, number>();

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      if (incoming.method !== "POST" || !incoming.url?.endsWith("/chat/completions")) {
        outgoing.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `No route ${incoming.method} ${incoming.url}` } }));
        return;
      }

      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as MockRequest["body"];
      const request: MockRequest = { index: requests.length, headers: incoming.headers, body, item: body.messages.at(-1)?.content ?? "" };
      requests.push(request);
      requestTimes.push(Date.now());

      const reply = await currentReplier(request);
      if (reply.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      }
      if (outgoing.destroyed || incoming.socket.destroyed) {
        return;
      }

      if (reply.status && reply.status !== 200) {
        outgoing.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        outgoing.end(JSON.stringify(reply.body ?? { error: { message: `mock error ${reply.status}`, type: "server_error" } }));
      } else {
        outgoing.writeHead(200, { "content-type": "application/json", ...reply.headers });
        outgoing.end(JSON.stringify(completion(body.model, reply.content ?? "", reply.usage ?? { promptTokens: 100, completionTokens: 20 })));
      }
      answered.push(request);
      answerTimes.set(request.index, Date.now());
    });
  });
  server.keepAliveTimeout = 60_000;


  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    answered,
    requestTimes,
    answerTimes,
    setReplier: (next) => {
      currentReplier = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(model: string, content: string, usage: { promptTokens: number; completionTokens: number }) {
  return {
    id: `chatcmpl-mock-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens },
  };
}
