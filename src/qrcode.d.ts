// Types for the two internal modules of the `qrcode` package that src/passes/qr.ts uses.
declare module 'qrcode/lib/core/qrcode.js' {
  const QRCode: {
    create(
      text: string,
      options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' },
    ): { modules: { size: number; data: Uint8Array } };
  };
  export default QRCode;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  const SvgTag: {
    render(
      qr: { modules: { size: number; data: Uint8Array } },
      options: { margin?: number; color?: { dark?: string; light?: string } },
    ): string;
  };
  export default SvgTag;
}
