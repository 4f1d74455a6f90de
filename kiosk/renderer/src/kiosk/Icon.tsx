// The pictures on the line buttons: simple strokes that read at a glance, decorative (the button's
// text names the line).
import type { ServiceIcon } from '@jiaohao/shared/schemas';

const PATHS: Record<ServiceIcon, string> = {
  household: 'M8 30 L32 10 L56 30 M14 26 V54 H50 V26 M26 54 V38 H38 V54',
  'id-card': 'M8 16 H56 V48 H8 Z M16 26 H28 V40 H16 Z M34 28 H50 M34 36 H50',
  certificate: 'M12 10 H44 L52 18 V54 H12 Z M44 10 V18 H52 M22 36 L30 44 L44 28',
  passport: 'M16 8 H48 V56 H16 Z M32 22 m-9 0 a9 9 0 1 0 18 0 a9 9 0 1 0 -18 0 M24 44 H40',
  marriage: 'M24 34 m-12 0 a12 12 0 1 0 24 0 a12 12 0 1 0 -24 0 M40 34 m-12 0 a12 12 0 1 0 24 0 a12 12 0 1 0 -24 0',
  appointment: 'M10 14 H54 V54 H10 Z M10 24 H54 M20 8 V18 M44 8 V18 M22 38 L30 46 L44 32',
  transcript: 'M14 8 H42 L50 16 V56 H14 Z M22 24 H42 M22 32 H42 M22 40 H36',
  general: 'M32 32 m-22 0 a22 22 0 1 0 44 0 a22 22 0 1 0 -44 0 M32 20 V34 M32 42 V44',
};

export function Icon({ name }: { name: ServiceIcon }) {
  return (
    <svg className="line-icon" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
