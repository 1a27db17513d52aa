import { writeFileSync } from 'node:fs';
import { qrMatrix } from '../../src/passes/qr.ts';

/**
 * A one-frame Y4M video of a QR code (black on white, 8 px per module), for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`).
 */
export function writeQrVideo(path: string, text: string, width = 640, height = 480): void {
  const { size, data } = qrMatrix(text);
  const scale = 8;
  const quiet = 4;
  const side = (size + quiet * 2) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && data[my * size + mx];
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(path, Buffer.concat([header, frame, frame]));
}
