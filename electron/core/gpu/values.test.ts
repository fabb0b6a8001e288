import { describe, expect, it } from 'vitest';
import { normaliseBusId } from './bus-id.ts';
import { numberOrNull, textOrNull } from './values.ts';
import { child, childText, parseXml } from './xml-reader.ts';

describe('values', () => {
  it.each(['N/A', '[N/A]', '[Not Supported]', '[Unknown Error]', '[Requested functionality has been deprecated]', '[Function Not Found]', 'Not Found', 'Requested functionality has been deprecated', 'N/A (Secondary die)', '', '   ', undefined])(
    '%j is unavailable',
    (value) => {
      expect(numberOrNull(value)).toBeNull();
      expect(textOrNull(value)).toBeNull();
    },
  );
  it('strips units and padding', () => {
    expect(numberOrNull('24576 MiB')).toBe(24576);
    expect(numberOrNull(' 40 % ')).toBe(40);
    expect(numberOrNull('35.06 W')).toBe(35.06);
    expect(numberOrNull('(1402Mhz)')).toBe(1402);
    expect(numberOrNull(' \t186')).toBe(186);
    expect(numberOrNull('Disabled')).toBeNull();
  });
});

describe('normaliseBusId', () => {
  it.each([
    ['0000:04:00.0', '00000000:04:00.0'],
    ['00000000:2D:00.0', '00000000:2d:00.0'],
    ['03:00.0', '00000000:03:00.0'],
    ['0000:1E:00.0', '00000000:1e:00.0'],
  ])('%s → %s', (input, output) => expect(normaliseBusId(input)).toBe(output));
  it('rejects what is not a bus id', () => expect(normaliseBusId('GPU-1')).toBeNull());
});

describe('parseXml', () => {
  it('skips prolog, DOCTYPE and comments; decodes entities and CDATA; matches direct children only', () => {
    const root = parseXml(`<?xml version="1.0" ?>\n<!DOCTYPE log SYSTEM "x.dtd" [ <!ENTITY a "b"> ]>\n<!-- c --><log a='1'><x><name>inner</name></x><name> A &amp; B &#x41; </name><d><![CDATA[<raw>]]></d><e/></log>`);
    const log = child(root, 'log');
    expect(log?.attributes).toEqual({ a: '1' });
    expect(childText(log, 'name')).toBe('A & B A');
    expect(childText(log, 'd')).toBe('<raw>');
    expect(childText(log, 'e')).toBe('');
    expect(childText(log, 'x', 'name')).toBe('inner');
  });
  it('closes unclosed elements at the end and ignores stray closing tags', () => {
    const root = parseXml('<a><b>1</c></b><d>2');
    expect(childText(child(root, 'a'), 'b')).toBe('1');
    expect(childText(child(root, 'a'), 'd')).toBe('2');
  });
});
