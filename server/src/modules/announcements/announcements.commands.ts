// The announcement commands of the registry.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { postAnnouncement, withdrawAnnouncement } from './announcements.service';

export const announcementCommands: ModuleCommands<Store, 'announcement:post' | 'announcement:withdraw'> = {
  'announcement:post': (ctx, p) => postAnnouncement(ctx, p),
  'announcement:withdraw': (ctx, p) => withdrawAnnouncement(ctx, p.announcementId),
};
