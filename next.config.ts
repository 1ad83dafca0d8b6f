import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Keeps `next dev` from writing an AGENTS.md into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false, serverActions: { bodySizeLimit: "20mb" } },
  poweredByHeader: false,
};

export default nextConfig;
