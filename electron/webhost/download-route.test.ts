import { describe, expect, it } from 'vitest';
import { contentDisposition } from './download-route.ts';

describe('the download route', () => {
  it('names the attachment safely, the exact name as filename*', () => {
    expect(contentDisposition('report.csv')).toBe(`attachment; filename="report.csv"; filename*=UTF-8''report.csv`);
    expect(contentDisposition('ré "x".txt')).toBe(`attachment; filename="r_ _x_.txt"; filename*=UTF-8''r%C3%A9%20%22x%22.txt`);
    expect(contentDisposition("a'b(c)*.txt")).toBe(`attachment; filename="a'b(c)*.txt"; filename*=UTF-8''a%27b%28c%29%2A.txt`);
  });
});
