// The composition root: opens the databases, builds every context and connects them. No business rules here.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { Config } from './platform/config.ts';
import { openDatabases } from './platform/db.ts';
import { webDir } from './platform/paths.ts';
import type { OpenOptions } from './platform/db.ts';
import { buildServer, sendProblem } from './platform/http.ts';
import { createLogger } from './platform/log.ts';
import { isApiPath, isAssetPath, pathOf, registerNoStore, webFileOptions } from './platform/caching.ts';
import { createThrottle } from './platform/throttle.ts';
import { createSessionStore } from './platform/sessions.ts';
import { createStaffService } from './platform/staff.ts';
import { registerStaffRoutes } from './platform/staff-routes.ts';
import { createStorefront } from './storefront/index.ts';
import { createHq } from './hq/index.ts';
import type { Hq, JobCode } from './hq/index.ts';
import { createSales } from './sales/index.ts';
import { createDualWrite } from './dualwrite/index.ts';
import { createMail } from './mail/index.ts';
import { createOnboarding } from './onboarding/index.ts';
import type { Onboarding } from './onboarding/index.ts';
import type { NotificationType } from './mail/index.ts';
import { onWork, signalAcrossProcesses, signalWork } from './platform/change-signal.ts';
import type { Work } from './platform/change-signal.ts';
import { listenForWork } from './platform/work-listener.ts';
import type { WorkListener } from './platform/work-listener.ts';


export interface AppOptions extends OpenOptions {
  logger?: FastifyBaseLogger;
  distributionPollMs?: number;
  dualWritePollMs?: number;
  dualWriteBatchSize?: number;
}

export async function createApp(config: Config, options: AppOptions = {}) {
  const log = options.logger ?? createLogger(config.logLevel);
  // HANDSHAKE_ROLE: `web` serves HTTP only, `worker` runs the jobs, dual-write and mail only, `all` both.
  const servesWeb = config.role !== 'worker';
  const runsBackground = config.role !== 'web';
  const dbs = await openDatabases(config, options);
  // On PostgreSQL other processes may share the databases: work signals go to them too, by NOTIFY.
  signalAcrossProcesses(dbs.kind === 'postgres');
  const throttle = createThrottle(dbs.db.platform, config.throttleWindowSeconds);
  const sessions = createSessionStore(dbs.db.platform);
  const staff = createStaffService(dbs.db.platform, sessions, throttle, config);

  // The storefront and HQ never import each other: P-0001 and the download jobs are wired here.
  let hq: Hq | undefined;
  // The storefront and the mail relay reach the onboarding context, built after them, through this.
  let onboardingLate: Onboarding | undefined;
  const storefront = createStorefront({
    db: dbs.db.storefront,
    throttle,
    sessions,
    secureCookies: config.secureCookies,
    signInLimitPerAddress: config.signInLimitPerAddress,
    signInLimitPerAccount: config.signInLimitPerAccount,
    channelId: config.channelId,
    limitPerAddress: config.signUpLimitPerAddress,
    limitPerEmail: config.signUpLimitPerEmail,
    onUploadQueued: () => hq?.distribution.kick('P-0001'),
    // The status page answers the onboarding context's questions: the storefront resolves the token, onboarding stores.
    applicantQuestions: () => onboardingLate?.applicantQuestions,
  });
  hq = createHq({
    db: dbs.db.hq,
    channel: storefront.channelDatabase,
    channelId: config.channelId,
    publicUrl: config.publicUrl,
    distributionMode: config.distributionMode,
    log,
    distributionPollMs: options.distributionPollMs ?? config.distributionPollMs,
    runsJobs: runsBackground,
    caseQueue: () => onboardingLate,
  });

  // The lead matcher and the engine share the CPU: the matcher waits while the engine works through a backlog.
  const sales = createSales({ db: dbs.db.sales, log, matcherYieldsWhile: () => dualWrite.engine.catchingUp() });

  // HQ and the CRM never import each other: the dual-write engine moves changes between their published sides.
  const dualWrite = createDualWrite({
    db: dbs.db.dualwrite,
    hq: hq.syncSide,
    crm: sales.syncSide,
    log,
    // An alert rule that pauses a map tells the integration administrators by e-mail too.
    onAlert: (alert) => void notifyIntegrationAdministrators(alert),
    pollMs: options.dualWritePollMs ?? config.dualWritePollMs,
    heldBackMs: config.dualWriteHeldBackMs,
    batchSize: options.dualWriteBatchSize ?? config.dualWriteBatchSize,
    initialBatchSize: config.dualWriteInitialBatchSize,
  });
  // HQ's mail events (request received, approved, rejected, user added) and the storefront's (password reset,
  // orders placed, awaiting approval, approved, rejected, invoiced) reach the mail context through their feeds.
  const mail = createMail({
    db: dbs.db.mail,
    config,
    log,
    sends: runsBackground,
    sources: [
      {
        read: async (limit) => (await hq!.mailFeed.read(limit)).map((e) => ({ id: e.id, type: e.topic, recipient: e.recipient, language: e.language, channelId: e.channelId, values: e.values })),
        ack: (ids) => hq!.mailFeed.ack(ids),
      },
      {
        read: async (limit) => (await storefront.mailFeed.read(limit)).map((e) => ({ ...e, type: e.type as NotificationType })),
        ack: (ids) => storefront.mailFeed.ack(ids),
      },
      {
        read: (limit) => onboardingLate!.mailFeed.read(limit),
        ack: (ids) => onboardingLate!.mailFeed.ack(ids),
      },
    ],
  });
  // One onboarding case per partner request: opened from HQ's intake events, its timeline told by each context's facts.
  const onboarding = createOnboarding({
    db: dbs.db.onboarding,
    log,
    sources: {
      intake: hq.caseFeed,
      hq: hq.caseFacts,
      decisions: hq.caseDecisions,
      sales: sales.caseFacts,
      storefront: storefront.caseFacts,
      mailTo: mail.messagesTo,
    },
    // Questions to the applicant: a decided case takes none; each mail carries a fresh status link from the storefront.
    questionSources: {
      decided: async (requestId, prospectId) => {
        const status = (await hq!.caseFacts(requestId, prospectId)).prospect?.status;
        return status === 'Approved' || status === 'Rejected';
      },
      statusLink: async (requestId) => {
        const link = await storefront.issueStatusLink(requestId);
        return link && { url: `${config.publicUrl}${link.statusPagePath}`, firstName: link.firstName, language: link.language, channelId: link.channelId };
      },
    },
    reminderDays: config.onboardingReminderDays,
    // The reminders run where background work runs: wake that process's loop (a worker, by NOTIFY).
    onAsked: () => void signalWork(dbs.db.onboarding, 'questions'),
  });
  onboardingLate = onboarding;
  /** Work signalled in this process or, by NOTIFY, in another: the loop concerned looks now instead of at its poll. */
  function takeUp(work: Work) {
    // HQ's intake of requests commits with the prospect's dual-write change, so the same signal opens their cases.
    if (work === 'sync') {
      dualWrite.engine.kick();
      onboarding.kick();
    }
    else if (work === 'questions') onboarding.kickReminders();
    else if (work === 'mail-event') mail.kick();
    else if (work === 'mail') mail.kickSender();
    else if (work === 'runs') hq!.distribution.runPending();
    else if (work.startsWith('job:')) hq!.distribution.kick(work.slice(4) as JobCode);
  }
  const stopListening = runsBackground ? onWork(takeUp) : () => {};
  let workListener: WorkListener | undefined;

  // Processes starting together on one PostgreSQL set up one after another (seeding is idempotent, not race-free).
  await dbs.exclusively(async () => {
    await staff.ensureAdministrator(config, log);
    await hq!.setUp(dbs.kind === 'pglite');
    await dualWrite.setUp();
    await mail.setUp();
  });

  async function notifyIntegrationAdministrators(alert: { mapId: string; mapName: string; errors: number; withinMinutes: number }) {
    const people = (await staff.list()).filter((u) => !u.disabled && (u.roles.includes('integration-administrator') || u.roles.includes('administrator')));
    const at = Date.now();
    for (const person of people) {
      await mail.notify({
        id: `sync-alert:${alert.mapId}:${at}:${person.id}`,
        type: 'sync-alert',
        recipient: person.email,
        values: { mapname: alert.mapName, errors: String(alert.errors), minutes: String(alert.withinMinutes), workspaceurl: `${config.publicUrl}/hq/dual-write/${alert.mapId}` },
      });
    }
  }

  // Partner routes live under /api/store; every other protected route is staff's.
  const server = await buildServer(config, log, { realmOf: (url) => (url.startsWith('/api/store/') ? 'partner' : 'staff') });
  registerNoStore(server);
  let shuttingDown = false;
  server.get('/health', { schema: { tags: ['Operations'], summary: 'The process is alive', security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  server.get(
    '/ready',
    { schema: { tags: ['Operations'], summary: 'The databases answer and migrations are applied', security: [], response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: { $ref: 'Problem#' } } } },
    async (_request, reply) => {
      const ok = !shuttingDown && (await dbs.ping().catch(() => false));
      if (!ok) return sendProblem(reply, 503, shuttingDown ? 'The server is shutting down.' : 'The database does not answer.');
      return { status: 'ready' as const };
    },
  );
  // A worker answers only the probes above, so an orchestrator can check it; the API and the app are the web's.
  if (servesWeb) {
    registerStaffRoutes(server, staff, sessions, config);
    storefront.registerRoutes(server);
    hq.registerRoutes(server, staff);
    sales.registerRoutes(server, staff);
    dualWrite.registerRoutes(server, staff);
    mail.registerRoutes(server, staff);
    onboarding.registerRoutes(server, staff);
  }

  const hasWeb = servesWeb && config.serveWeb && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await server.register(fastifyStatic, { root: webDir, wildcard: false, index: false, ...webFileOptions });
  server.setNotFoundHandler((request, reply) => {
    const url = pathOf(request.url);
    // An unknown API address or a missing file is a 404, never the app's HTML.
    if (!hasWeb || isApiPath(url) || isAssetPath(url) || url.startsWith('/docs') || request.method !== 'GET') {
      return sendProblem(reply, 404, `There is no ${request.method} ${url}.`);
    }
    // Every other page is a route of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  const distribution = hq.distribution;
  return {
    server,
    hq,
    storefront,
    sales,
    dualWrite,
    mail,
    onboarding,
    dbs,
    staff,
    config,
    async listen() {
      await server.listen({ port: config.port, host: config.host });
      if (runsBackground) {
        distribution.start();
        dualWrite.engine.start();
        sales.leadMatcher.start();
        mail.start();
        onboarding.start();
        // After a lost connection, signals may have been missed: look at everything once instead of waiting for the polls.
        const catchUp = () => (['sync', 'mail-event', 'mail', 'runs', 'questions', ...distribution.specs.map((s) => `job:${s.code}` as const)] as Work[]).forEach(takeUp);
        if (dbs.kind === 'postgres') workListener = listenForWork(dbs.urls, log, takeUp, catchUp);
      }
      return server.server.address();
    },
    /** Stops taking requests, lets running requests and job runs finish, then closes the databases (and the lock). */
    async close() {
      shuttingDown = true;
      await server.close();
      await workListener?.close();
      await distribution.stop();
      stopListening();
      await dualWrite.engine.stop();
      await sales.leadMatcher.stop();
      await mail.stop();
      await onboarding.stop();
      await dbs.close();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
