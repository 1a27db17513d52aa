// The qrcode package's core and SVG renderer, without its Node-only PNG and file parts.
import QRCode from 'qrcode/lib/core/qrcode.js';
import SvgTag from 'qrcode/lib/renderer/svg-tag.js';

/** Error correction M: sturdy enough for a scratched card or a cracked phone screen, still sparse. */
const OPTIONS = { errorCorrectionLevel: 'M' } as const;

/** The QR's modules: `size` x `size` booleans, row by row. */
export function qrMatrix(text: string): { size: number; data: boolean[] } {
  const qr = QRCode.create(text, OPTIONS);
  return { size: qr.modules.size, data: Array.from(qr.modules.data, Boolean) };
}

/** A black-on-white SVG of the QR with a quiet zone, scalable to any size. */
export function qrSvg(text: string, title: string): string {
  const svg = SvgTag.render(QRCode.create(text, OPTIONS), {
    margin: 4,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${title.replace(/[<>&"]/g, '')}" `);
}
