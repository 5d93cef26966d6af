// The storefront context: the B2B online store and its channel database. Only this file is public.
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { Throttle } from '../platform/throttle.ts';
import { createPartnerRequests } from './partner-request.ts';
import type { PartnerRequestSettings } from './partner-request.ts';
import { createChannelDatabase } from './channel.ts';
import { registerStorefrontRoutes } from './routes.ts';

export type { ChannelDatabase, UploadRecord, DownloadRecord } from './channel.ts';
export type { PartnerRequestPayload } from './partner-request.ts';

export interface StorefrontOptions extends PartnerRequestSettings {
  db: Db;
  throttle: Throttle;
  /** Called after a channel record is queued for upload, so P-0001 can run at once. */
  onUploadQueued: () => void;
}

export function createStorefront(options: StorefrontOptions) {
  const requests = createPartnerRequests(options.db, options.throttle, options, options.onUploadQueued);
  const channelDatabase = createChannelDatabase(options.db);
  return {
    channelDatabase,
    registerRoutes(app: Server) {
      registerStorefrontRoutes(app, requests);
    },
  };
}

export type Storefront = ReturnType<typeof createStorefront>;
