import { describe, expect, it } from 'vitest';
import { browserCamera, startScanning, type Camera, type Detector } from './camera';

/** A camera whose video shows, look after look, the QR codes of `frames`; the test runs each look. */
function fakeCamera(frames: string[][], options: { refuse?: boolean; noQr?: boolean } = {}) {
  const tracks = [{ stopped: false, stop() { this.stopped = true; } }];
  const stream = { getTracks: () => tracks } as unknown as MediaStream;
  let looks = 0;
  const detector: Detector = { detect: () => Promise.resolve((frames[looks++] ?? []).map((rawValue) => ({ rawValue }))) };
  const camera: Camera = {
    open: () => (options.refuse ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : Promise.resolve(stream)),
    detector: () => {
      if (options.noQr) throw new TypeError('qr_code is not supported');
      return detector;
    },
  };
  let next: (() => void) | null = null;
  const schedule = (look: () => void) => {
    next = look;
    return () => {
      next = null;
    };
  };
  /** Runs the look that is due and waits for its detection. */
  const look = async () => {
    const due = next;
    next = null;
    due?.();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
  };
  const video = { srcObject: null as unknown, play: () => Promise.resolve() } as unknown as HTMLVideoElement;
  return { camera, schedule, look, video, tracks, pending: () => next !== null };
}

describe('the kiosk camera', () => {
  it('is there only when the browser has both BarcodeDetector and getUserMedia', () => {
    const getUserMedia = () => Promise.resolve({} as MediaStream);
    class BarcodeDetector {
      detect() {
        return Promise.resolve([]);
      }
    }
    const g = (over: object) => over as unknown as typeof globalThis;
    expect(browserCamera(g({ navigator: { mediaDevices: { getUserMedia } } }))).toBeNull();
    expect(browserCamera(g({ BarcodeDetector, navigator: {} }))).toBeNull();
    expect(browserCamera(g({ BarcodeDetector }))).toBeNull();
    expect(browserCamera(g({ BarcodeDetector, navigator: { mediaDevices: { getUserMedia } } }))).not.toBeNull();
  });

  it('reads a booking code from the phone’s QR code once, passes over other QR codes, and turns the camera off when stopped', async () => {
    const fake = fakeCamera([[], ['https://queue.example.tw/t/ticket-token-123'], ['k7q4-m2px'], ['K7Q4-M2PX'], ['https://queue.example.tw/book/ABCD2345']]);
    const codes: string[] = [];
    const stop = await startScanning(fake.camera, fake.video, (c) => codes.push(c), fake.schedule);
    expect(stop).not.toBeNull();
    expect(fake.video.srcObject).not.toBeNull();
    for (let i = 0; i < 5; i++) await fake.look();
    expect(codes).toEqual(['K7Q4M2PX', 'ABCD2345']);
    stop!();
    expect(fake.tracks.every((t) => t.stopped)).toBe(true);
    expect(fake.video.srcObject).toBeNull();
    expect(fake.pending()).toBe(false);
  });

  it('gives up quietly when the camera is refused or cannot read QR codes, leaving no camera on', async () => {
    const refused = fakeCamera([], { refuse: true });
    expect(await startScanning(refused.camera, refused.video, () => undefined, refused.schedule)).toBeNull();
    const noQr = fakeCamera([], { noQr: true });
    expect(await startScanning(noQr.camera, noQr.video, () => undefined, noQr.schedule)).toBeNull();
    expect(noQr.tracks.every((t) => t.stopped)).toBe(true);
  });
});
