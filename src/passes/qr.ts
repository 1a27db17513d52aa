// The qrcode package's core and SVG renderer, without its Node-only PNG and file parts.
import QRCode from 'qrcode/lib/core/qrcode.js';
import SvgTag from 'qrcode/lib/renderer/svg-tag.js';

/**
 * Error correction: M for printed cards (sturdy enough for scratches and folds), L for the phone's
 * screen (clean, backlit), which keeps the rotating code's QR sparser.
 */
export type QrLevel = 'L' | 'M';

/** The QR's modules: `size` x `size` booleans, row by row. */
export function qrMatrix(text: string, level: QrLevel = 'M'): { size: number; data: boolean[] } {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  return { size: qr.modules.size, data: Array.from(qr.modules.data, Boolean) };
}

/** A black-on-white SVG of the QR with a quiet zone, scalable to any size. */
export function qrSvg(text: string, title: string, level: QrLevel = 'M'): string {
  const svg = SvgTag.render(QRCode.create(text, { errorCorrectionLevel: level }), {
    margin: 4,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${title.replace(/[<>&"]/g, '')}" `);
}
