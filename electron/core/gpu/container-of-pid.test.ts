import { describe, expect, it } from 'vitest';
import { containerIdFromCgroup } from './container-of-pid.ts';

const ID = 'a877b9c90d6ed783de77c0a4b5a1a1d7f0b3d6c4e2f5a6b7c8d9e0f1a2b3c4d5';

describe('containerIdFromCgroup', () => {
  it.each([
    ['cgroup v2, systemd driver (docker)', `0::/system.slice/docker-${ID}.scope`],
    ['cgroup v2, cgroupfs driver', `0::/docker/${ID}`],
    ['cgroup v1 (several hierarchies)', `12:pids:/docker/${ID}\n11:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}`],
    ['containerd (CRI)', `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-${ID}.scope`],
    ['podman', `0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope/container`],
    ['kubepods cgroupfs', `0::/kubepods/besteffort/pod1234/${ID}`],
    ['Docker-in-WSL/Desktop nested', `0::/docker/${ID}/init`],
  ])('%s', (_label, text) => {
    expect(containerIdFromCgroup(text)).toBe(ID);
  });
  it('null for host processes and our H200 capture’s sandbox cgroup', () => {
    expect(containerIdFromCgroup('0::/user.slice/user-1000.slice/session-2.scope')).toBeNull();
    expect(containerIdFromCgroup('0::/process_api/8bc47ff5a2e13b74f183a87c37d85350')).toBeNull();
    expect(containerIdFromCgroup('')).toBeNull();
  });
});
