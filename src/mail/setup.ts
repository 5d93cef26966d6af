// Templates and notification profiles as HQ operators edit them, and what the first start puts in place.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { profileEntries, profiles, templates } from './schema.ts';
import { notificationTypes, placeholders, render, sampleValues, typeLabels, validateTemplate } from './template.ts';
import type { NotificationType, TemplateInput } from './template.ts';
import en from './locales/en.json' with { type: 'json' };
import et from './locales/et.json' with { type: 'json' };

type Texts = { subject: string; html: string; text: string };

/**
 * The shipped template of each type in each language we ship (src/mail/locales, one JSON per language). English is
 * stored as en-us, as it always was, so existing installations keep their edited English templates.
 */
export const shippedTemplates: { language: string; texts: Record<NotificationType, Texts> }[] = [
  { language: 'en-us', texts: en },
  { language: 'et', texts: et },
];

function templateView(row: typeof templates.$inferSelect) {
  return {
    id: row.id,
    type: row.type as NotificationType,
    typeLabel: typeLabels[row.type as NotificationType] ?? row.type,
    language: row.language,
    subject: row.subject,
    html: row.html,
    text: row.text,
    placeholders: placeholders[row.type as NotificationType] ?? [],
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createSetup(db: Db) {
  async function profileView(id: string) {
    const [row] = await db.select().from(profiles).where(eq(profiles.id, id));
    if (!row) throw notFound(`Notification profile ${id}`);
    const entries = await db.select().from(profileEntries).where(eq(profileEntries.profileId, id)).orderBy(asc(profileEntries.type));
    return {
      id: row.id,
      name: row.name,
      channelId: row.channelId,
      defaultLanguage: row.defaultLanguage,
      entries: entries.map((e) => ({ type: e.type as NotificationType, typeLabel: typeLabels[e.type as NotificationType] ?? e.type, mode: e.mode as 'Send' | 'Hold' | 'Off' })),
    };
  }

  return {
    /**
     * Every start: an English and an Estonian template per type and a default profile assigned to the online store, all sent at once.
     * Only what is missing is added, so an upgrade gains new types and keeps every edit.
     */
    async seed(channelId: string) {
      for (const { language, texts } of shippedTemplates) {
        for (const type of notificationTypes) {
          await db.insert(templates).values({ type, language, ...texts[type], updatedBy: 'Handshake' }).onConflictDoNothing();
        }
      }
      await db.insert(profiles).values({ id: 'default', name: 'B2B online store notifications', channelId, defaultLanguage: 'en-us' }).onConflictDoNothing();
      for (const type of notificationTypes.filter((t) => t !== 'test')) {
        await db.insert(profileEntries).values({ profileId: 'default', type, mode: 'Send' }).onConflictDoNothing();
      }
    },

    async listTemplates() {
      const rows = await db.select().from(templates).orderBy(asc(templates.type), asc(templates.language));
      return rows.map(templateView);
    },

    async getTemplate(id: number) {
      const [row] = await db.select().from(templates).where(eq(templates.id, id));
      if (!row) throw notFound(`Template ${id}`);
      return templateView(row);
    },

    async createTemplate(input: TemplateInput & { language: string }, actor: string) {
      validateTemplate(input);
      const [row] = await db
        .insert(templates)
        .values({ ...input, language: input.language.toLowerCase(), updatedBy: actor })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new DomainError('conflict', `A ${typeLabels[input.type]} template in ${input.language} exists already; edit it instead.`);
      return templateView(row);
    },

    async updateTemplate(id: number, input: { subject: string; html: string; text: string }, actor: string) {
      const current = await this.getTemplate(id);
      validateTemplate({ type: current.type, ...input });
      const [row] = await db.update(templates).set({ ...input, updatedBy: actor, updatedAt: new Date() }).where(eq(templates.id, id)).returning();
      return templateView(row!);
    },

    /** The template rendered with sample values, validated first so the preview shows what saving would refuse. */
    preview(input: TemplateInput) {
      validateTemplate(input);
      return render(input, sampleValues);
    },

    listProfiles: async () => Promise.all((await db.select({ id: profiles.id }).from(profiles).orderBy(asc(profiles.id))).map((p) => profileView(p.id))),
    getProfile: profileView,

    async setEntry(profileId: string, type: NotificationType, mode: 'Send' | 'Hold' | 'Off') {
      await profileView(profileId);
      await db
        .insert(profileEntries)
        .values({ profileId, type, mode })
        .onConflictDoUpdate({ target: [profileEntries.profileId, profileEntries.type], set: { mode } });
      return profileView(profileId);
    },

    async setDefaultLanguage(profileId: string, language: string) {
      await db.update(profiles).set({ defaultLanguage: language.toLowerCase(), updatedAt: new Date() }).where(and(eq(profiles.id, profileId)));
      return profileView(profileId);
    },
  };
}

export type Setup = ReturnType<typeof createSetup>;
