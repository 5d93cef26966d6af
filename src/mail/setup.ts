// Templates and notification profiles as HQ operators edit them, and what the first start puts in place.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { profileEntries, profiles, templates } from './schema.ts';
import { notificationTypes, placeholders, render, sampleValues, typeLabels, validateTemplate } from './template.ts';
import type { NotificationType, TemplateInput } from './template.ts';

const defaults: Record<NotificationType, { subject: string; html: string; text: string }> = {
  'partner-request-received': {
    subject: 'We received your request to become a business partner of %storename%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Thank you for asking to make <b>%company%</b> a business partner of %storename%. We will review your request and write to you at %email% as soon as we have decided.</p>',
    text: 'Dear %firstname% %lastname%,\n\nThank you for asking to make %company% a business partner of %storename%. We will review your request and write to you at %email% as soon as we have decided.',
  },
  'prospect-approved': {
    subject: 'Welcome to %storename%, %company%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Your request to make <b>%company%</b> a business partner of %storename% has been approved. You are the administrator of your organization.</p><p>Choose your password here: <a href="%invitationlink%">%invitationlink%</a> (valid for 7 days). Then sign in at <a href="%storeurl%">%storeurl%</a> with %email%.</p>',
    text: 'Dear %firstname% %lastname%,\n\nYour request to make %company% a business partner of %storename% has been approved. You are the administrator of your organization.\n\nChoose your password here: %invitationlink% (valid for 7 days). Then sign in at %storeurl% with %email%.',
  },
  'prospect-rejected': {
    subject: 'Your request to become a business partner of %storename%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Thank you for your interest. We are sorry: we cannot accept <b>%company%</b> as a business partner at this time.</p><p>%reason%</p>',
    text: 'Dear %firstname% %lastname%,\n\nThank you for your interest. We are sorry: we cannot accept %company% as a business partner at this time.\n\n%reason%',
  },
  'organization-user-added': {
    subject: 'You have been added to %company% on %storename%',
    html: '<p>Dear %firstname% %lastname%,</p><p>You now have an account for <b>%company%</b> on %storename%. Set your password here: <a href="%invitationlink%">%invitationlink%</a> (valid for 7 days).</p>',
    text: 'Dear %firstname% %lastname%,\n\nYou now have an account for %company% on %storename%. Set your password here: %invitationlink% (valid for 7 days).',
  },
  'applicant-question': {
    subject: 'A question about your request to become a business partner of %storename%',
    html: '<p>Dear %firstname%,</p><p>Our partner team has a question about the request of <b>%company%</b>:</p><blockquote>%question%</blockquote><p>Answer it on your request\'s status page, where you can also attach files (PDF, PNG or JPEG): <a href="%statuslink%">%statuslink%</a></p>',
    text: 'Dear %firstname%,\n\nOur partner team has a question about the request of %company%:\n\n%question%\n\nAnswer it on your request\'s status page, where you can also attach files (PDF, PNG or JPEG): %statuslink%',
  },
  'applicant-question-reminder': {
    subject: 'Reminder: a question about your request to become a business partner of %storename%',
    html: '<p>Dear %firstname%,</p><p>Our partner team is still waiting for your answer about the request of <b>%company%</b>:</p><blockquote>%question%</blockquote><p>Your request waits for it. Answer on the status page: <a href="%statuslink%">%statuslink%</a></p>',
    text: 'Dear %firstname%,\n\nOur partner team is still waiting for your answer about the request of %company%:\n\n%question%\n\nYour request waits for it. Answer on the status page: %statuslink%',
  },
  'password-reset': {
    subject: 'Choose a new password for %storename%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Someone asked to reset the password of %email% on %storename%. Choose a new one here: <a href="%resetlink%">%resetlink%</a> (valid for one hour). If it was not you, ignore this message.</p>',
    text: 'Dear %firstname% %lastname%,\n\nSomeone asked to reset the password of %email% on %storename%. Choose a new one here: %resetlink% (valid for one hour). If it was not you, ignore this message.',
  },
  'order-placed': {
    subject: 'Your order %ordernumber% at %storename%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Thank you for your order <b>%ordernumber%</b> of %total% %currency% for %company% (your purchase order number: %ponumber%). Its status: <b>%status%</b>.</p><p>Follow it here: <a href="%orderlink%">%orderlink%</a></p>',
    text: 'Dear %firstname% %lastname%,\n\nThank you for your order %ordernumber% of %total% %currency% for %company% (your purchase order number: %ponumber%). Its status: %status%.\n\nFollow it here: %orderlink%',
  },
  'order-awaiting-approval': {
    subject: 'Order %ordernumber% by %buyername% awaits your approval',
    html: '<p>Dear %firstname% %lastname%,</p><p>%buyername% ordered <b>%ordernumber%</b> of %total% %currency% for %company% (purchase order number: %ponumber%). It is over the %limit%, so it waits for an admin to approve or reject it.</p><p>Decide here: <a href="%approvalslink%">%approvalslink%</a></p>',
    text: 'Dear %firstname% %lastname%,\n\n%buyername% ordered %ordernumber% of %total% %currency% for %company% (purchase order number: %ponumber%). It is over the %limit%, so it waits for an admin to approve or reject it.\n\nDecide here: %approvalslink%',
  },
  'order-approved': {
    subject: 'Your order %ordernumber% has been approved',
    html: '<p>Dear %firstname% %lastname%,</p><p>%approvername% approved your order <b>%ordernumber%</b> of %total% %currency%. It is on its way to %storename% now.</p><p>Follow it here: <a href="%orderlink%">%orderlink%</a></p>',
    text: 'Dear %firstname% %lastname%,\n\n%approvername% approved your order %ordernumber% of %total% %currency%. It is on its way to %storename% now.\n\nFollow it here: %orderlink%',
  },
  'order-rejected': {
    subject: 'Your order %ordernumber% has been rejected',
    html: '<p>Dear %firstname% %lastname%,</p><p>%approvername% rejected your order <b>%ordernumber%</b> of %total% %currency%. Nothing will be delivered or invoiced.</p><p>The reason: %reason%</p><p>The order: <a href="%orderlink%">%orderlink%</a></p>',
    text: 'Dear %firstname% %lastname%,\n\n%approvername% rejected your order %ordernumber% of %total% %currency%. Nothing will be delivered or invoiced.\n\nThe reason: %reason%\n\nThe order: %orderlink%',
  },
  'order-invoiced': {
    subject: 'Invoice %invoicenumber% for your order %ordernumber%',
    html: '<p>Dear %firstname% %lastname%,</p><p>Your order <b>%ordernumber%</b> has been invoiced: invoice <b>%invoicenumber%</b> of %amount% %currency%, due on %duedate%.</p><p>The order: <a href="%orderlink%">%orderlink%</a><br>All your invoices: <a href="%invoiceslink%">%invoiceslink%</a></p>',
    text: 'Dear %firstname% %lastname%,\n\nYour order %ordernumber% has been invoiced: invoice %invoicenumber% of %amount% %currency%, due on %duedate%.\n\nThe order: %orderlink%\nAll your invoices: %invoiceslink%',
  },
  'sync-alert': {
    subject: 'Dual-write paused the map %mapname%',
    html: '<p>The table map <b>%mapname%</b> had %errors% errors within %minutes% minutes and was paused. Its errors and the way to resume it are at <a href="%workspaceurl%">%workspaceurl%</a>.</p>',
    text: 'The table map %mapname% had %errors% errors within %minutes% minutes and was paused. Its errors and the way to resume it are at %workspaceurl%.',
  },
  test: {
    subject: 'Test message from Handshake',
    html: '<p>This is a test message. If you can read it, e-mail works.</p>',
    text: 'This is a test message. If you can read it, e-mail works.',
  },
};

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
     * Every start: an English template per type and a default profile assigned to the online store, all sent at once.
     * Only what is missing is added, so an upgrade gains new types and keeps every edit.
     */
    async seed(channelId: string) {
      for (const type of notificationTypes) {
        await db.insert(templates).values({ type, language: 'en-us', ...defaults[type], updatedBy: 'Handshake' }).onConflictDoNothing();
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
