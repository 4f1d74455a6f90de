// Reading the booking's QR code from the resident's phone with the kiosk's camera, where there is
// one: the browser's BarcodeDetector on getUserMedia's video. Both are feature-detected and never
// required (Chromium on Linux has no BarcodeDetector); without them, or when the camera is refused,
// the check-in screen shows the keypad only. Behind `Camera`, so tests pass a fake one.
import { parseCode } from '@jiaohao/shared/rules';

export interface Detector {
  detect(source: HTMLVideoElement): Promise<readonly { readonly rawValue: string }[]>;
}

export interface Camera {
  open(): Promise<MediaStream>;
  detector(): Detector;
}

/** Between two looks at the video: quick enough to feel instant, light on a small kiosk PC. */
export const LOOK_EVERY_MS = 300;

type DetectorClass = new (options: { formats: string[] }) => Detector;

/** The browser's camera and detector, or null when either is missing. */
export function browserCamera(g: typeof globalThis = globalThis): Camera | null {
  const Barcode = (g as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  const media = g.navigator?.mediaDevices;
  if (typeof Barcode !== 'function' || typeof media?.getUserMedia !== 'function') return null;
  return {
    open: () => media.getUserMedia({ video: { facingMode: 'user' }, audio: false }),
    detector: () => new Barcode({ formats: ['qr_code'] }),
  };
}

export type Schedule = (look: () => void) => () => void;
const everyLook: Schedule = (look) => {
  const timer = setTimeout(look, LOOK_EVERY_MS);
  return () => clearTimeout(timer);
};

/**
 * Turns the camera on into `video` and looks for a booking code until stopped; `onCode` hears each
 * new code once (other QR codes, say a ticket's link, are passed over). Resolves with the stop function,
 * or null when there is no camera to use. Stopping turns the camera off.
 */
export async function startScanning(camera: Camera, video: HTMLVideoElement, onCode: (code: string) => void, schedule: Schedule = everyLook): Promise<(() => void) | null> {
  let stream: MediaStream;
  let detector: Detector;
  try {
    stream = await camera.open();
  } catch {
    return null; // no camera, or it was refused: the keypad is enough
  }
  const off = () => stream.getTracks().forEach((track) => track.stop());
  try {
    detector = camera.detector(); // throws where QR codes are not a supported format
  } catch {
    off();
    return null;
  }
  video.srcObject = stream;
  await Promise.resolve(video.play?.()).catch(() => undefined);
  let stopped = false;
  let cancel = () => {};
  let last: string | null = null;
  const look = async () => {
    const found = await detector.detect(video).catch(() => []);
    if (stopped) return;
    for (const { rawValue } of found) {
      const code = parseCode(rawValue);
      if (code && code !== last) {
        last = code;
        onCode(code);
        break;
      }
    }
    cancel = schedule(() => void look());
  };
  cancel = schedule(() => void look());
  return () => {
    stopped = true;
    cancel();
    video.srcObject = null;
    off();
  };
}
