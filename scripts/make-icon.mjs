#!/usr/bin/env node
// Draws the Benchtop icon (an Erlenmeyer flask on a bench, on a rounded navy tile) from one set of
// shapes and writes resources/icon.png (512x512 RGBA, anti-aliased, written with zlib) and
// resources/icon.svg. Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4x4 supersampling per pixel
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NAVY = [0x1b, 0x25, 0x3f];
const NAVY_LIGHT = [0x26, 0x36, 0x5c];
const TEAL = [0x2e, 0xc4, 0xa0];
const LIGHT = [0xe9, 0xf2, 0xff];

const tile = { x0: 16, y0: 16, x1: 496, y1: 496, r: 104 };
const flask = [
  [222, 118],
  [222, 214],
  [122, 386],
  [390, 386],
  [290, 214],
  [290, 118],
];
const STROKE = 22;
const LIQUID_TOP = 292;
const rim = { x0: 196, y0: 94, x1: 316, y1: 124, r: 12 };
const bench = { x0: 84, y0: 410, x1: 428, y1: 436, r: 13 };
const bubbles = [
  [224, 338, 14],
  [282, 356, 10],
  [256, 316, 7],
];

function inRoundRect(x, y, { x0, y0, x1, y1, r }) {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
}

function inPolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance to the open outline (the flask's mouth, between the last and first point, stays open). */
function distanceToOutline(x, y, points) {
  let best = Infinity;
  for (let i = 0; i < points.length - 1; i += 1) {
    const [ax, ay] = points[i];
    const [bx, by] = points[i + 1];
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
  }
  return best;
}

/** The colour at one sample point, or null outside the tile. */
function colourAt(x, y) {
  if (!inRoundRect(x, y, tile)) return null;
  if (inRoundRect(x, y, bench)) return LIGHT;
  if (inRoundRect(x, y, rim)) return LIGHT;
  if (distanceToOutline(x, y, flask) <= STROKE / 2) return LIGHT;
  if (inPolygon(x, y, flask) && y >= LIQUID_TOP) {
    for (const [cx, cy, r] of bubbles) if (Math.hypot(x - cx, y - cy) <= r) return LIGHT;
    return TEAL;
  }
  // A soft vertical gradient on the tile.
  const t = (y - tile.y0) / (tile.y1 - tile.y0);
  return NAVY_LIGHT.map((c, i) => Math.round(c + (NAVY[i] - c) * t));
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py += 1) {
    for (let px = 0; px < SIZE; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = (py * SIZE + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
      }
    }
  }
  return rgba;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function encodePng(rgba, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hex([r, g, b]) {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function svg() {
  const rr = ({ x0, y0, x1, y1, r }, fill) => `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" rx="${r}" fill="${fill}"/>`;
  const outline = flask.map(([x, y]) => `${x},${y}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Benchtop</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hex(NAVY_LIGHT)}"/>
      <stop offset="1" stop-color="${hex(NAVY)}"/>
    </linearGradient>
    <clipPath id="liquid"><rect x="0" y="${LIQUID_TOP}" width="${SIZE}" height="${SIZE - LIQUID_TOP}"/></clipPath>
  </defs>
  ${rr(tile, 'url(#tile)')}
  <polygon points="${outline}" fill="${hex(TEAL)}" clip-path="url(#liquid)"/>
  ${bubbles.map(([cx, cy, r]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${hex(LIGHT)}"/>`).join('\n  ')}
  <polyline points="${flask.map(([x, y]) => `${x},${y}`).join(' ')}" fill="none" stroke="${hex(LIGHT)}" stroke-width="${STROKE}" stroke-linejoin="round" stroke-linecap="round"/>
  ${rr(rim, hex(LIGHT))}
  ${rr(bench, hex(LIGHT))}
</svg>
`;
}

mkdirSync(path.join(root, 'resources'), { recursive: true });
writeFileSync(path.join(root, 'resources', 'icon.png'), encodePng(render(), SIZE, SIZE));
writeFileSync(path.join(root, 'resources', 'icon.svg'), svg());
console.log('wrote resources/icon.png (512x512) and resources/icon.svg');
