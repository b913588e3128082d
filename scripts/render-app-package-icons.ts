/**
 * Renders the unified manifest's two icons from the logo's SVG sources in Chromium, once; the PNGs
 * are committed (addin/public/assets/icon-color-192.png, icon-outline-32.png) and the server puts
 * them into the app package. The schema asks for a full-colour 192×192 icon and a 32×32 outline
 * icon that is white on a transparent background (`icons` in MicrosoftTeams.schema.json v1.30):
 * the script refuses to write an outline icon with any other pixel.
 *
 *   npx tsx scripts/render-app-package-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const icons = [
  { source: 'addin/icons/logo.svg', target: 'addin/public/assets/icon-color-192.png', size: 192, outline: false },
  { source: 'addin/icons/outline.svg', target: 'addin/public/assets/icon-outline-32.png', size: 32, outline: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of icons) {
    const svg = fs.readFileSync(path.join(root, icon.source), 'utf8');
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img id="icon" width="${icon.size}" height="${icon.size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`,
    );
    await page.locator('#icon').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.locator('#icon').screenshot({ omitBackground: true, type: 'png' });
    if (icon.outline) {
      // Decode the PNG in the page and look at every pixel: white (any opacity) or fully transparent.
      const offending = await page.evaluate(async (base64: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4)
          if (data[i + 3]! > 0 && (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250)) count += 1;
        return count;
      }, png.toString('base64'));
      if (offending > 0) throw new Error(`${icon.target}: ${offending} pixels are neither white nor transparent.`);
    }
    fs.writeFileSync(path.join(root, icon.target), png);
    console.log(`wrote ${icon.target} (${png.length} bytes)`);
  }
} finally {
  await browser.close();
}
