import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { DEFAULT_ENGINE_OUTAGE_POLICY, ENGINE_RERUNS_SETTING, ENGINE_WAIT_SETTING, isEngineGoneError, outageDuration, outagePolicy, outagePolicyFromEnv, outageSettingProblem } from './engine-outage.ts';

describe('engine outage helpers', () => {
  it('reads the wait limit and the re-run cap from the environment, defaults otherwise', () => {
    expect(outagePolicyFromEnv({})).toEqual(DEFAULT_ENGINE_OUTAGE_POLICY);
    expect(DEFAULT_ENGINE_OUTAGE_POLICY).toMatchObject({ waitMs: 600_000, reruns: 3 });
    expect(outagePolicyFromEnv({ BENCHTOP_ENGINE_WAIT: '90s', BENCHTOP_ENGINE_RERUNS: '5' })).toMatchObject({ waitMs: 90_000, reruns: 5 });
    expect(outagePolicyFromEnv({ BENCHTOP_ENGINE_WAIT: '2m' }).waitMs).toBe(120_000);
    expect(outagePolicyFromEnv({ BENCHTOP_ENGINE_WAIT: '45' }).waitMs).toBe(45_000);
    expect(outagePolicyFromEnv({ BENCHTOP_ENGINE_WAIT: 'soon', BENCHTOP_ENGINE_RERUNS: '-1' })).toEqual(DEFAULT_ENGINE_OUTAGE_POLICY);
  });

  it('reads them from the settings store, the environment variables overriding each (CI)', () => {
    const settings = (values: Record<string, unknown>) => ({ getSetting: (key: string) => values[key] ?? null });
    expect(outagePolicy({}, settings({}))).toEqual(DEFAULT_ENGINE_OUTAGE_POLICY);
    expect(outagePolicy({}, settings({ [ENGINE_WAIT_SETTING]: '30m', [ENGINE_RERUNS_SETTING]: 1 }))).toMatchObject({ waitMs: 1_800_000, reruns: 1 });
    expect(outagePolicy({}, settings({ [ENGINE_WAIT_SETTING]: 120 })).waitMs).toBe(120_000);
    expect(outagePolicy({ BENCHTOP_ENGINE_WAIT: '5s' }, settings({ [ENGINE_WAIT_SETTING]: '30m', [ENGINE_RERUNS_SETTING]: 1 }))).toMatchObject({ waitMs: 5_000, reruns: 1 });
    expect(outagePolicy({ BENCHTOP_ENGINE_RERUNS: '0' }, settings({ [ENGINE_RERUNS_SETTING]: 7 })).reruns).toBe(0);
    // A bad stored value falls back to the default (settings.set refuses one anyway).
    expect(outagePolicy({}, settings({ [ENGINE_WAIT_SETTING]: 'soon' })).waitMs).toBe(600_000);
    expect(outageSettingProblem(ENGINE_WAIT_SETTING, 'soon')).toMatch(/a number of seconds or a duration such as "90s", "10m", "1h" \(got "soon"\)/);
    expect(outageSettingProblem(ENGINE_RERUNS_SETTING, 2.5)).toMatch(/a whole number from 0 to 100/);
    expect(outageSettingProblem(ENGINE_WAIT_SETTING, '10m')).toBeNull();
    expect(outageSettingProblem('theme', 'dark')).toBeNull();
  });

  it('tells an engine that is gone from one that refused a request', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) expect(isEngineGoneError(Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code }))).toBe(true);
    expect(isEngineGoneError(new Error('socket hang up'))).toBe(true);
    expect(isEngineGoneError(new ApiError('engine_unavailable', 'no engine'))).toBe(true);
    expect(isEngineGoneError(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }))).toBe(false);
    expect(isEngineGoneError(new ApiError('not_found', 'no such image'))).toBe(false);
    expect(isEngineGoneError(new Error('exit code 3'))).toBe(false);
  });

  it('says how long an outage lasted', () => {
    expect(outageDuration(12_400)).toBe('12s');
    expect(outageDuration(250_000)).toBe('4m 10s');
  });
});
