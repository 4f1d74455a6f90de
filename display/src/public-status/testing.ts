// A PublicStatus for the page's and the widget's tests, made by the same rule the server uses
// (publicStatus over a snapshot), so the tests see what the feed really sends.
import { publicStatus } from '@jiaohao/shared/rules';
import type { PublicStatus, Snapshot } from '@jiaohao/shared/schemas';
import { snapshot, ticket } from '@jiaohao/shared/testing';

/** Monday 2024-05-06 10:00 in Taipei (NOW): the household line with `waiting` tickets, 1001 called at counter c1. */
export function statusWith(over: Partial<Snapshot> = {}, waiting = 3): PublicStatus {
  const tickets = [
    ticket({ id: 'called', number: '1001', state: 'called', counterId: 'c1', calledAt: '2024-05-06T01:55:00.000Z' }),
    ...Array.from({ length: waiting }, (_, i) => ticket({ id: `w${i}`, number: String(1002 + i) })),
  ];
  return publicStatus(snapshot({ tickets, ...over }), { handlingMinutes: {} });
}
