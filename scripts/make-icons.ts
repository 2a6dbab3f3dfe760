/**
 * Draws the two Teams app icons (appPackage/color.png 192x192, appPackage/outline.png 32x32)
 * from geometry, so they can be regenerated without an image editor:
 *
 *   npx tsx scripts/make-icons.ts
 *
 * The PNG encoder is hand-written on top of node:zlib (IHDR, IDAT, IEND with CRC32) to keep the
 * project free of image dependencies. Shapes are anti-aliased by supersampling each pixel.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgb = readonly [number, number, number];

/** Rådslag blue, the same value as the manifest's accentColor. */
export const ACCENT: Rgb = [0x3a, 0x5a, 0x8c];
const WHITE: Rgb = [255, 255, 255];

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Every scanline starts with its filter type; 0 (None) is enough for flat-colour art.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Geometry, in unit coordinates (0..1, y pointing down)

type Shape = (x: number, y: number) => boolean;

/** A rectangle of half-extents (hu, hv) centred on (cx, cy), its u axis turned by `angle` radians. */
function orientedBox(cx: number, cy: number, hu: number, hv: number, angle: number): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    return Math.abs(dx * cos + dy * sin) <= hu && Math.abs(-dx * sin + dy * cos) <= hv;
  };
}

/** Axis-aligned rectangle with rounded corners of radius r. */
function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const nx = Math.min(Math.max(x, x0 + r), x1 - r);
    const ny = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - nx) ** 2 + (y - ny) ** 2 <= r * r;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/**
 * A judge's gavel striking its sound block: the head is tilted 45 degrees with a band at each
 * end, the handle runs down-left from the head's middle, and the block sits under the head.
 */
function gavel(): Shape {
  const tilt = Math.PI / 4; // head's long axis points down-right; the handle runs perpendicular
  const head = { x: 0.6, y: 0.34 };
  const along = { x: Math.cos(tilt), y: Math.sin(tilt) };
  const handleDir = { x: -Math.sin(tilt), y: Math.cos(tilt) }; // down-left
  const at = (u: number, v: number) => ({ x: head.x + along.x * u + handleDir.x * v, y: head.y + along.y * u + handleDir.y * v });
  const capL = at(-0.2, 0);
  const capR = at(0.2, 0);
  const handleMid = at(0, 0.33);
  return union(
    orientedBox(head.x, head.y, 0.2, 0.1, tilt), // head
    orientedBox(capL.x, capL.y, 0.045, 0.125, tilt), // end bands
    orientedBox(capR.x, capR.y, 0.045, 0.125, tilt),
    orientedBox(handleMid.x, handleMid.y, 0.045, 0.25, tilt), // handle
    roundedRect(0.5, 0.84, 1.0, 0.96, 0.03), // sound block base
    roundedRect(0.58, 0.78, 0.92, 0.86, 0.02), // sound block top
  );
}

/** Maps the unit-square glyph into [pad, 1 - pad] of the canvas. */
function inset(shape: Shape, pad: number): Shape {
  const scale = 1 - 2 * pad;
  return (x, y) => shape((x - pad) / scale, (y - pad) / scale);
}

/** Fraction of an n x n grid of samples inside pixel (px, py) that fall in the shape. */
function coverage(shape: Shape, px: number, py: number, size: number, n = 6): number {
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
    }
  }
  return hits / (n * n);
}

// ---------------------------------------------------------------------------------------------
// The two icons

/** Full-colour icon: white gavel on a blue rounded square, transparent outside the corners. */
export function drawColorIcon(size = 192): Buffer {
  const background = roundedRect(0, 0, 1, 1, 0.2);
  // Teams crops into the middle ~120/192 of the colour icon, so the glyph stays inside it.
  const glyph = inset(gavel(), 0.2);
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const bg = coverage(background, px, py, size);
      const fg = coverage(glyph, px, py, size);
      const i = (py * size + px) * 4;
      for (let ch = 0; ch < 3; ch++) rgba[i + ch] = Math.round(ACCENT[ch]! * (1 - fg) + WHITE[ch]! * fg);
      rgba[i + 3] = Math.round(255 * bg);
    }
  }
  return encodePng(size, size, rgba);
}

/** Outline icon: the same gavel in white, fully transparent everywhere else (Teams requirement). */
export function drawOutlineIcon(size = 32): Buffer {
  const glyph = inset(gavel(), 0.06);
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const i = (py * size + px) * 4;
      rgba.set(WHITE, i);
      rgba[i + 3] = Math.round(255 * coverage(glyph, px, py, size, 8));
    }
  }
  return encodePng(size, size, rgba);
}

function main(): void {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'color.png'), drawColorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), drawOutlineIcon());
  console.log(`Wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}`);
}

if (require.main === module) main();
