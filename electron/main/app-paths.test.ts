import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from './app-paths.ts';

describe('appPaths', () => {
  const app = path.resolve('/opt/benchtop/resources/app.asar');
  const userData = path.resolve('/home/u/.config/Benchtop');

  it('finds the bundles and the data directory', () => {
    expect(appPaths(app, userData)).toEqual({
      preload: path.join(app, 'dist', 'electron', 'preload.cjs'),
      renderer: path.join(app, 'dist', 'renderer'),
      home: userData,
      logs: path.join(userData, 'logs'),
    });
  });

  it('lets an absolute BENCHTOP_HOME override userData', () => {
    const home = path.resolve('/tmp/bt');
    expect(appPaths(app, userData, { BENCHTOP_HOME: home })).toMatchObject({ home, logs: path.join(home, 'logs') });
    expect(appPaths(app, userData, { BENCHTOP_HOME: 'relative' }).home).toBe(userData);
  });
});
