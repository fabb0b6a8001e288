/** The parts of the engine's GET /system/df answer that Benchtop reads (API 1.41+). */
export interface EngineDf {
  LayersSize?: number;
  Images?: Array<{
    Id: string;
    ParentId?: string;
    RepoTags?: string[] | null;
    RepoDigests?: string[] | null;
    Containers?: number;
    Size?: number;
    SharedSize?: number;
    VirtualSize?: number;
    Labels?: Record<string, string> | null;
  }> | null;
  Containers?: Array<{ Id: string; Names?: string[]; State?: string; ImageID?: string; SizeRw?: number }> | null;
  Volumes?: Array<{ Name: string; Driver?: string; Labels?: Record<string, string> | null; UsageData?: { Size: number; RefCount: number } | null }> | null;
  BuildCache?: Array<{ ID: string; Type?: string; Description?: string; Size?: number; InUse?: boolean; Shared?: boolean }> | null;
}
