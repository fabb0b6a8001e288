import { describe, expect, it } from 'vitest';
import { shareableLink } from './share-link.ts';

const location = { origin: 'http://127.0.0.1:41000', pathname: '/runs/20261207-010/steps/train' };

describe('shareableLink', () => {
  it('puts the web host token in a browser link to the view shown, or to a given path', async () => {
    expect(await shareableLink({ transportName: 'websocket' }, undefined, location, async () => 'tok_en-123456789012')).toEqual({
      url: 'http://127.0.0.1:41000/runs/20261207-010/steps/train?token=tok_en-123456789012',
      includesToken: true,
      desktop: false,
    });
    expect((await shareableLink({ transportName: 'websocket' }, '/environments/0123456789ab', location, async () => 'tok_en-123456789012')).url).toBe(
      'http://127.0.0.1:41000/environments/0123456789ab?token=tok_en-123456789012',
    );
  });

  it('says when no token could be had, and never asks for one in the desktop app', async () => {
    expect(await shareableLink({ transportName: 'websocket' }, undefined, location, async () => null)).toMatchObject({ includesToken: false, desktop: false });
    let asked = false;
    const desktop = await shareableLink({ transportName: 'electron' }, undefined, { origin: 'app://benchtop', pathname: '/models/iris' }, async () => {
      asked = true;
      return 'x';
    });
    expect(desktop).toEqual({ url: 'app://benchtop/models/iris', includesToken: false, desktop: true });
    expect(asked).toBe(false);
  });
});
