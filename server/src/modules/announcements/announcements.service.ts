// Announcements to the displays, kiosks and public page: posted and withdrawn by a supervisor.
import { randomUUID } from 'node:crypto';
import { DomainError, MAX_ANNOUNCEMENT_DAYS, MAX_ANNOUNCEMENTS, type Announcement, type PostAnnouncementPayload } from '@jiaohao/shared';
import type { AppCtx as Ctx } from '../../store';
import { publicAnnouncement } from './announcements.repo';

const DAY = 86_400_000;

export function postAnnouncement(ctx: Ctx, p: PostAnnouncementPayload): Announcement {
  const ends = Date.parse(p.endsAt);
  if (ends <= ctx.now) throw new DomainError('validation_failed', 'endsAt must be in the future');
  if (ends > ctx.now + MAX_ANNOUNCEMENT_DAYS * DAY) throw new DomainError('validation_failed', `endsAt may be at most ${MAX_ANNOUNCEMENT_DAYS} days ahead`);
  const serviceIds = p.serviceIds ?? null;
  for (const id of serviceIds ?? []) if (!ctx.store.services.byId(id)) throw new DomainError('validation_failed', `No service ${id}`);
  if (serviceIds && new Set(serviceIds).size !== serviceIds.length) throw new DomainError('validation_failed', 'A service is listed twice');
  // A wall display has room for a few; a stuck script must not fill every screen.
  if (ctx.store.announcements.current(ctx.at).length >= MAX_ANNOUNCEMENTS) {
    throw new DomainError('conflict', `${MAX_ANNOUNCEMENTS} announcements are shown already; withdraw one first`);
  }
  const announcement: Announcement = { id: randomUUID(), texts: p.texts, serviceIds, postedAt: ctx.at, endsAt: new Date(ends).toISOString() };
  ctx.store.announcements.insert(announcement);
  ctx.emit({ type: 'announcement:posted', data: { announcement } });
  return announcement;
}

/** Withdrawing one that is already down (withdrawn, or ended by time) changes nothing and appends nothing. */
export function withdrawAnnouncement(ctx: Ctx, id: string): Announcement {
  const a = ctx.store.announcements.byId(id);
  if (!a) throw new DomainError('not_found', `No announcement ${id}`);
  if (a.withdrawnAt !== null || a.endsAt <= ctx.at) return publicAnnouncement(a);
  ctx.store.announcements.withdraw(id, ctx.at);
  ctx.emit({ type: 'announcement:withdrawn', data: { announcementId: id } });
  return publicAnnouncement(a);
}
