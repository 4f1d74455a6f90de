// A string in both wall languages, each marked with its language for screen readers and fonts.
import type { ElementType } from 'react';
import { TAG, useBoth } from '../i18n/i18n';

export function Both({ k, values, as: Tag = 'span', className }: { k: string; values?: Record<string, unknown>; as?: ElementType; className?: string }) {
  const { zh, en } = useBoth();
  return (
    <Tag className={className ? `both ${className}` : 'both'}>
      <span lang={TAG['zh-TW']} className="zh">
        {zh(k, values)}
      </span>
      <span lang={TAG.en} className="en">
        {en(k, values)}
      </span>
    </Tag>
  );
}
