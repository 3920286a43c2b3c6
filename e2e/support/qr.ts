import type { Locator } from '@playwright/test';
import jsQR from 'jsqr';

/**
 * Reads the QR code an element draws (the app's SVG), as a phone camera would: the page draws
 * the SVG onto a canvas at a scanner's resolution, and jsQR decodes the pixels here.
 */
export async function decodeQr(qr: Locator): Promise<string | null> {
  const pixels = await qr.evaluate(async (element) => {
    const svg = element.querySelector('svg');
    if (!svg) return null;
    const size = 400;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    return Array.from(context.getImageData(0, 0, size, size).data);
  });
  if (!pixels) return null;
  return jsQR(Uint8ClampedArray.from(pixels), 400, 400)?.data ?? null;
}
