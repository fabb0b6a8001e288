/** One GPU agent of `rocminfo`: its gfx target (more exact than rocm-smi's "GFX Version") and marketing name. */
export interface RocmAgent {
  gfxTarget: string;
  marketingName: string | null;
}

/** Parses `rocminfo` text: agents whose `Device Type` is GPU, in order. Runtime version when printed. */
export function parseRocminfo(text: string): { runtimeVersion: string | null; agents: RocmAgent[] } {
  const runtimeVersion = /^Runtime Version:\s*(\S+)/m.exec(text)?.[1] ?? null;
  const agents: RocmAgent[] = [];
  for (const block of text.split(/^\*{5,}\s*$/m)) {
    if (!/^\s*Device Type:\s*GPU\s*$/m.test(block)) continue;
    const name = /^\s{0,2}Name:\s*(gfx\w+)\s*$/m.exec(block)?.[1];
    if (!name) continue;
    agents.push({ gfxTarget: name, marketingName: /^\s*Marketing Name:\s*(.+?)\s*$/m.exec(block)?.[1] ?? null });
  }
  return { runtimeVersion, agents };
}
