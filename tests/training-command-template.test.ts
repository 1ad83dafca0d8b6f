import { describe, expect, it } from "vitest";

import { BACKEND_SETTINGS_SCHEMAS } from "@/lib/training/backend-settings";
import { fillCommandTemplate, renderShellCommand, splitCommandTemplate, type TemplateValues } from "@/lib/training/command-template";

const VALUES: TemplateValues = {
  dataset: "/data/it's $(rm -rf ~) ; x.jsonl",
  output: "/runs/job 1/output",
  spec: "/runs/job 1/spec.json",
  job_id: "job1",
  attempt: "2",
  kind: "POLICY",
  base_model: "huggyllama/llama-7b",
};

describe("splitCommandTemplate", () => {
  it("splits on whitespace and quotes", () => {
    expect(splitCommandTemplate(`torchrun --nproc_per_node 4 "train rm.py" --note 'a b'  --data={dataset}`)).toEqual([
      "torchrun",
      "--nproc_per_node",
      "4",
      "train rm.py",
      "--note",
      "a b",
      "--data={dataset}",
    ]);
  });

  it.each([
    ["", /is empty/],
    ["python 'train.py", /unclosed ' quote/],
    ["python train.py {datset}", /Unknown placeholder \{datset\}/],
  ])("rejects %j", (template, message) => {
    expect(() => splitCommandTemplate(template)).toThrow(message);
  });
});

describe("fillCommandTemplate", () => {
  it("keeps each value in its own word", () => {
    const words = fillCommandTemplate(splitCommandTemplate("python train.py --data {dataset} --out={output} --tag {job_id}-{attempt}"), VALUES);

    expect(words).toEqual(["python", "train.py", "--data", VALUES.dataset, `--out=${VALUES.output}`, "--tag", "job1-2"]);
  });
});

describe("renderShellCommand", () => {
  it("quotes every value for the shell", () => {
    expect(renderShellCommand("cd /code && python train.py --data {dataset} --out {output}", VALUES)).toBe(
      `cd /code && python train.py --data '/data/it'"'"'s $(rm -rf ~) ; x.jsonl' --out '/runs/job 1/output'`,
    );
  });

  it("rejects a placeholder inside quotes", () => {
    expect(() => renderShellCommand(`python train.py --data "{dataset}"`, VALUES)).toThrow(/\{dataset\} is inside quotes/);
  });
});

describe("backend settings", () => {
  it("names an invalid command template", () => {
    const parsed = BACKEND_SETTINGS_SCHEMAS.COMMAND.safeParse({ commandTemplate: "python {nope}" });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain("Unknown placeholder {nope}");
  });

  it("rejects a webhook secret given as a value", () => {
    const parsed = BACKEND_SETTINGS_SCHEMAS.WEBHOOK.safeParse({ url: "https://x.test/jobs", secretEnv: "s3cr3t-value", callbackBaseUrl: "https://ladle.test", outputRoot: "s3://b" });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["secretEnv"]);
  });

  it("fills Ray defaults", () => {
    const parsed = BACKEND_SETTINGS_SCHEMAS.RAY.parse({ address: "http://ray-head:8265", entrypointTemplate: "python train.py {spec}", outputRoot: "/mnt/runs" });

    expect(parsed.pollSeconds).toBe(30);
    expect(parsed.runtimeEnv).toEqual({});
  });
});
