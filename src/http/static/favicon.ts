/**
 * Doorway's icon, drawn in code as a 32×32 Windows icon (an ICO holding one 32-bit bitmap), so
 * `/favicon.ico` is a real icon in every browser without shipping a binary file: a door in
 * Doorway's blue on a rounded square.
 */
const SIZE = 32;
const BLUE: Rgba = [0x1f, 0x4b, 0xd8, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const CLEAR: Rgba = [0, 0, 0, 0];
type Rgba = [number, number, number, number];

function pixelAt(x: number, y: number): Rgba {
  const radius = 6;
  const cornerX = x < radius ? radius - x - 0.5 : x >= SIZE - radius ? x - (SIZE - radius) + 0.5 : 0;
  const cornerY = y < radius ? radius - y - 0.5 : y >= SIZE - radius ? y - (SIZE - radius) + 0.5 : 0;
  if (cornerX * cornerX + cornerY * cornerY > radius * radius) return CLEAR;
  const inDoor = x >= 10 && x <= 21 && y >= 6 && y <= 26;
  const knob = (x === 18 || x === 19) && (y === 16 || y === 17);
  return inDoor && !knob ? WHITE : BLUE;
}

export function renderFavicon(): Buffer {
  const pixelBytes = SIZE * SIZE * 4;
  const maskBytes = (SIZE / 8) * SIZE; // 1 bit per pixel, rows already a multiple of 4 bytes
  const imageBytes = 40 + pixelBytes + maskBytes;
  const icon = Buffer.alloc(6 + 16 + imageBytes);
  // ICONDIR: reserved, type 1 (icon), one image.
  icon.writeUInt16LE(0, 0);
  icon.writeUInt16LE(1, 2);
  icon.writeUInt16LE(1, 4);
  // ICONDIRENTRY: 32×32, no palette, 1 plane, 32 bits per pixel, size and offset of the image.
  icon.writeUInt8(SIZE, 6);
  icon.writeUInt8(SIZE, 7);
  icon.writeUInt16LE(1, 10);
  icon.writeUInt16LE(32, 12);
  icon.writeUInt32LE(imageBytes, 14);
  icon.writeUInt32LE(22, 18);
  // BITMAPINFOHEADER; the height counts the colour bitmap and the AND mask together.
  const header = 22;
  icon.writeUInt32LE(40, header);
  icon.writeInt32LE(SIZE, header + 4);
  icon.writeInt32LE(SIZE * 2, header + 8);
  icon.writeUInt16LE(1, header + 12);
  icon.writeUInt16LE(32, header + 14);
  icon.writeUInt32LE(pixelBytes + maskBytes, header + 20);
  // Rows bottom-up, BGRA. The AND mask stays zero: transparency comes from the alpha channel.
  let offset = header + 40;
  for (let y = SIZE - 1; y >= 0; y--) {
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixelAt(x, y);
      icon.writeUInt8(b, offset);
      icon.writeUInt8(g, offset + 1);
      icon.writeUInt8(r, offset + 2);
      icon.writeUInt8(a, offset + 3);
      offset += 4;
    }
  }
  return icon;
}
