import { describe, expect, it } from 'vitest';
import { evaluateWhen, whenSyntaxError } from '../../../shared/pipeline/when.ts';
import { monitorWhenResolver } from './when-values.ts';

describe('when: monitors.NAME.FIELD', () => {
  const latest: Record<string, Record<string, number | boolean | string | null>> = {
    credit: { drift_share: 0.5, dataset_drifted: true, alert: true, accuracy: 0.81, status: 'alert' },
    calm: { drift_share: null, dataset_drifted: null, alert: false, status: 'refused' },
  };
  const resolve = monitorWhenResolver((name) => latest[name] ?? null);

  it('reads the latest result: numbers compare, booleans combine', () => {
    expect(evaluateWhen('monitors.credit.drift_share > 0.3', resolve)).toBe(true);
    expect(evaluateWhen('monitors.credit.drift_share > 0.3 && monitors.credit.accuracy < 0.8', resolve)).toBe(false);
    expect(evaluateWhen('monitors.credit.dataset_drifted', resolve)).toBe(true);
    expect(evaluateWhen("monitors.credit.status == 'alert'", resolve)).toBe(true);
    expect(evaluateWhen('!monitors.calm.alert', resolve)).toBe(true);
    expect(whenSyntaxError('monitors.credit.drift_share > 0.3')).toBeNull();
  });

  it('a monitor without a result, an unknown field or an empty value is an error that names it', () => {
    expect(() => evaluateWhen('monitors.nosuch.drift_share > 0.3', resolve)).toThrow('monitor nosuch has no result yet (run it: benchtop monitor run nosuch)');
    expect(() => evaluateWhen('monitors.credit.f1 > 0.3', resolve)).toThrow(/has no field "f1"/);
    expect(() => evaluateWhen('monitors.calm.drift_share > 0.3', resolve)).toThrow(/is empty in the latest result/);
  });

  it('other bare words stay text, and without a resolver monitors.* is text as before', () => {
    expect(evaluateWhen("release == 'release'", resolve)).toBe(true);
    expect(() => evaluateWhen('monitors.credit.drift_share > 0.3')).toThrow(/compares numbers/);
  });
});
