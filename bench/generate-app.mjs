// Generates the `app` shape of `npm run bench`: a Next.js-style product where most files are
// React components and pages. Each feature has pages, a loading and an error view, an API route,
// a client hook, a repository on a typed Kysely database, server actions and six components
// behind a barrel, with CSS modules; around them sit UI primitives (a barrel imported through the
// `@/` path alias), an LLM chat route, a middleware that stores every chat request in the
// database, and nightly fine-tuning jobs that export the stored requests through a temporary
// JSONL file (guarded, guarded for paying tiers only, or unguarded), each run by a cron route.
// `prisma/schema.prisma` describes the same database for the team's migrations. Deterministic:
// the same size gives the same files. The policy is the fine-tune pipeline example's.
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const example = join(repo, 'examples', 'fine-tune-pipeline');

/** TypeScript files per feature (see `feature`). */
const PER_FEATURE = 16;
/** One nightly fine-tuning job (and its cron route) for every this many features. */
const FEATURES_PER_JOB = 4;
const UI = [
  'button',
  'card',
  'input',
  'textarea',
  'label',
  'badge',
  'dialog',
  'table',
  'tabs',
  'tooltip',
  'avatar',
  'spinner',
  'select',
  'separator',
  'skeleton',
  'toast',
];
const NOUNS = [
  'project',
  'document',
  'invoice',
  'prompt',
  'dataset',
  'agent',
  'workspace',
  'report',
  'webhook',
  'template',
  'snippet',
  'channel',
  'ticket',
  'playbook',
  'model',
  'evaluation',
];

/** A feature's names: `prompt-3`, `Prompt3`, table `prompt_3s`, label `Prompt 3`. */
function names(index) {
  const noun = NOUNS[index % NOUNS.length];
  const n = Math.floor(index / NOUNS.length);
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  return {
    slug: `${noun}-${n}`,
    Type: `${Noun}${n}`,
    table: `${noun}_${n}s`,
    label: `${Noun} ${n}`,
  };
}

/**
 * Writes a project of `files` TypeScript files into `dir`; returns counts by kind, a UI leaf
 * component and a file that reaches a sink. `sdkSource` resolves the SDK to its TypeScript source
 * (its `@consentry/source` export condition), for tests that run before the SDK is built.
 */
export function generateAppProject(dir, files, { sdkSource = false } = {}) {
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  copyFileSync(join(example, 'consentry.yaml'), join(dir, 'consentry.yaml'));
  copyFileSync(join(example, 'consentry.policy.ts'), join(dir, 'consentry.policy.ts'));
  write(
    'package.json',
    `${JSON.stringify(
      {
        name: 'bench-next-app',
        private: true,
        type: 'module',
        scripts: { dev: 'next dev', build: 'next build', typecheck: 'tsc --noEmit' },
      },
      null,
      2,
    )}\n`,
  );
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['dom', 'dom.iterable', 'ES2023'],
          module: 'esnext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          isolatedModules: true,
          esModuleInterop: true,
          resolveJsonModule: true,
          paths: { '@/*': ['./src/*'] },
          ...(sdkSource ? { customConditions: ['@consentry/source'] } : {}),
        },
        include: ['src', 'consentry.policy.ts'],
      },
      null,
      2,
    )}\n`,
  );
  // Installed packages: the SDK, the real `kysely` and `openai` of this repository, Node's types,
  // and a small `react` whose declarations stand in for @types/react.
  const link = (name) => {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  };
  mkdirSync(join(dir, 'node_modules', '@consentry'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'sdk'), join(dir, 'node_modules', '@consentry', 'sdk'), 'dir');
  for (const name of ['kysely', 'openai', 'better-sqlite3', '@types/node', '@types/better-sqlite3'])
    link(name);
  write('node_modules/react/package.json', REACT_PACKAGE);
  write('node_modules/react/index.d.ts', REACT_TYPES);
  write('node_modules/react/jsx-runtime.d.ts', REACT_JSX_RUNTIME);
  write('src/types/css.d.ts', CSS_TYPES);

  const fixed = {
    'src/consent.ts': CONSENT,
    'src/db/database.ts': DATABASE,
    'src/lib/utils.ts': UTILS,
    'src/lib/ai.ts': AI,
    'src/lib/session.ts': SESSION,
    'src/server/middleware/request-log.ts': REQUEST_LOG,
    'src/server/logged-requests.ts': LOGGED_REQUESTS,
    'src/app/api/chat/route.ts': CHAT_ROUTE,
    'src/app/layout.tsx': ROOT_LAYOUT,
    'src/app/page.tsx': HOME_PAGE,
    'src/app/(dashboard)/layout.tsx': DASHBOARD_LAYOUT,
    'src/components/chat/chat-panel.tsx': CHAT_PANEL,
    'src/jobs/lib/jsonl-file.ts': JSONL_FILE,
    'src/jobs/lib/chat-examples.ts': CHAT_EXAMPLES,
    'src/components/ui/index.ts': UI.map((ui) => `export * from './${ui}';\n`).join(''),
    'src/components/ui/link.tsx': LINK,
  };
  for (const ui of UI) fixed[`src/components/ui/${ui}.tsx`] = uiPrimitive(ui);
  // The schema, the types file, the jobs barrel and the navigation are written below.
  const fixedCount = Object.keys(fixed).length + 4;
  const features = Math.max(4, Math.floor((files - fixedCount) / (PER_FEATURE + 0.5)));
  const jobs = Math.ceil(features / FEATURES_PER_JOB);
  const icons = Math.max(0, files - fixedCount - features * PER_FEATURE - jobs * 2);

  for (const [path, text] of Object.entries(fixed)) write(path, text);
  const all = Array.from({ length: features }, (_, index) => names(index));
  write('src/db/schema.ts', schema(all));
  write('prisma/schema.prisma', prismaSchema(all));
  write('src/components/nav/sidebar.tsx', sidebar(all));
  for (const [index, f] of all.entries()) {
    for (const [path, text] of Object.entries(feature(f, index))) write(path, text);
    write(`src/components/${f.slug}/${f.slug}.module.css`, featureCss(f));
  }
  const jobNames = [];
  for (let job = 0; job < jobs; job += 1) {
    const f = all[job * FEATURES_PER_JOB];
    const variant = ['guarded', 'tier-gated', 'unguarded'][job % 3];
    write(`src/jobs/${f.slug}-fine-tune.ts`, fineTuneJob(f, variant));
    write(`src/app/api/cron/${f.slug}-fine-tune/route.ts`, cronRoute(f));
    jobNames.push(f.slug);
  }
  write(
    'src/jobs/index.ts',
    jobNames.map((slug) => `export * from './${slug}-fine-tune';\n`).join(''),
  );
  for (let icon = 0; icon < icons; icon += 1)
    write(`src/components/icons/icon-${icon}.tsx`, iconFile(icon));
  write('src/app/globals.css', GLOBAL_CSS);
  return {
    features,
    jobs,
    icons,
    ui: UI.length,
    total: fixedCount + features * PER_FEATURE + jobs * 2 + icons,
    /** A component no other module's flow can reach: it imports only primitives and CSS. */
    leaf: `src/components/${all[Math.floor(features / 2)].slug}/${all[Math.floor(features / 2)].slug}-empty.tsx`,
    /** A file that reaches a sink: the middle fine-tuning job. */
    sinkFile: `src/jobs/${jobNames[Math.floor(jobNames.length / 2)]}-fine-tune.ts`,
  };
}

/** The 16 TypeScript files of one feature. */
function feature(f, index) {
  const { slug, Type, table, label } = f;
  const dir = `src/components/${slug}`;
  const page = `src/app/(dashboard)/${slug}`;
  return {
    [`src/server/${slug}/repository.ts`]: `import type { Kysely, Selectable } from 'kysely';
import type { DB, ${Type}Table } from '@/db/schema';

export type ${Type} = Selectable<${Type}Table>;

export interface ${Type}Draft {
  readonly title: string;
  readonly description: string;
  readonly status: 'draft' | 'active' | 'archived';
}

/** The ${label} rows of one account. */
export class ${Type}Repository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(accountId: string, status?: ${Type}Draft['status']): Promise<${Type}[]> {
    let query = this.db.selectFrom('${table}').selectAll().where('account_id', '=', accountId);
    if (status !== undefined) query = query.where('status', '=', status);
    return query.orderBy('updated_at', 'desc').limit(100).execute();
  }

  async get(accountId: string, id: number): Promise<${Type} | undefined> {
    return this.db
      .selectFrom('${table}')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async create(accountId: string, draft: ${Type}Draft): Promise<number> {
    const row = await this.db
      .insertInto('${table}')
      .values({ account_id: accountId, ...draft, updated_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async archive(accountId: string, id: number): Promise<void> {
    await this.db
      .updateTable('${table}')
      .set({ status: 'archived', updated_at: new Date().toISOString() })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  }
}
`,
    [`src/server/${slug}/actions.ts`]: `'use server';

import { openDatabase } from '@/db/database';
import { currentSession } from '@/lib/session';
import { ${Type}Repository, type ${Type}Draft } from './repository';

/** Form action of the new ${label} dialog. */
export async function create${Type}(draft: ${Type}Draft): Promise<{ id: number }> {
  const session = await currentSession();
  const repository = new ${Type}Repository(await openDatabase());
  return { id: await repository.create(session.accountId, draft) };
}

export async function archive${Type}(id: number): Promise<void> {
  const session = await currentSession();
  await new ${Type}Repository(await openDatabase()).archive(session.accountId, id);
}
`,
    [`src/app/api/${slug}/route.ts`]: `import { openDatabase } from '@/db/database';
import { currentSession } from '@/lib/session';
import { ${Type}Repository } from '@/server/${slug}/repository';

export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  const status = new URL(request.url).searchParams.get('status');
  const repository = new ${Type}Repository(await openDatabase());
  const rows = await repository.list(
    session.accountId,
    status === 'draft' || status === 'active' || status === 'archived' ? status : undefined,
  );
  return Response.json({ items: rows });
}

export async function POST(request: Request): Promise<Response> {
  const session = await currentSession();
  const body = (await request.json()) as { title?: unknown; description?: unknown };
  if (typeof body.title !== 'string' || body.title.trim() === '') {
    return Response.json({ error: 'title is required' }, { status: 400 });
  }
  const repository = new ${Type}Repository(await openDatabase());
  const id = await repository.create(session.accountId, {
    title: body.title.trim(),
    description: typeof body.description === 'string' ? body.description : '',
    status: 'draft',
  });
  return Response.json({ id }, { status: 201 });
}
`,
    [`src/hooks/use-${slug}s.ts`]: `'use client';

import { useEffect, useState } from 'react';
import type { ${Type} } from '@/server/${slug}/repository';

/** The ${label} list of the signed-in account, fetched from the API route. */
export function use${Type}s(status?: ${Type}['status']): { items: ${Type}[]; loading: boolean } {
  const [items, setItems] = useState<${Type}[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let cancelled = false;
    const query = status === undefined ? '' : \`?status=\${status}\`;
    void fetch(\`/api/${slug}\${query}\`)
      .then((response) => response.json() as Promise<{ items: ${Type}[] }>)
      .then((body) => {
        if (!cancelled) setItems(body.items);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [status]);
  return { items, loading };
}
`,
    [`${dir}/index.ts`]: ['list', 'card', 'form', 'empty', 'header', 'filters']
      .map((part) => `export * from './${slug}-${part}';\n`)
      .join(''),
    [`${dir}/${slug}-card.tsx`]: `import { Badge, Card } from '@/components/ui';
import { formatDate } from '@/lib/utils';
import type { ${Type} } from '@/server/${slug}/repository';
import styles from './${slug}.module.css';

export function ${Type}Card({ item }: { item: ${Type} }) {
  return (
    <Card className={styles.card} title={item.title}>
      <p className={styles.description}>{item.description}</p>
      <footer>
        <Badge tone={item.status === 'active' ? 'positive' : 'neutral'}>{item.status}</Badge>
        <time dateTime={item.updated_at}>{formatDate(item.updated_at)}</time>
      </footer>
    </Card>
  );
}
`,
    [`${dir}/${slug}-list.tsx`]: `'use client';

import { Skeleton } from '@/components/ui';
import { use${Type}s } from '@/hooks/use-${slug}s';
import type { ${Type} } from '@/server/${slug}/repository';
import { ${Type}Card } from './${slug}-card';
import { ${Type}Empty } from './${slug}-empty';
import styles from './${slug}.module.css';

export function ${Type}List({ status }: { status?: ${Type}['status'] }) {
  const { items, loading } = use${Type}s(status);
  if (loading) return <Skeleton rows={3} />;
  if (items.length === 0) return <${Type}Empty />;
  return (
    <ul className={styles.list}>
      {items.map((item) => (
        <li key={item.id}>
          <${Type}Card item={item} />
        </li>
      ))}
    </ul>
  );
}
`,
    [`${dir}/${slug}-form.tsx`]: `'use client';

import { useState, useTransition } from 'react';
import { Button, Input, Label, Textarea } from '@/components/ui';
import { create${Type} } from '@/server/${slug}/actions';
import styles from './${slug}.module.css';

export function ${Type}Form({ onCreated }: { onCreated?: (id: number) => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [pending, startTransition] = useTransition();
  const submit = () =>
    startTransition(async () => {
      const { id } = await create${Type}({ title, description, status: 'draft' });
      setTitle('');
      setDescription('');
      onCreated?.(id);
    });
  return (
    <form className={styles.form} onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <Label htmlFor="${slug}-title">Title</Label>
      <Input id="${slug}-title" value={title} onValueChange={setTitle} />
      <Label htmlFor="${slug}-description">Description</Label>
      <Textarea id="${slug}-description" value={description} onValueChange={setDescription} />
      <Button type="submit" disabled={pending || title.trim() === ''}>
        Create
      </Button>
    </form>
  );
}
`,
    [`${dir}/${slug}-empty.tsx`]: `import { Button, Card } from '@/components/ui';
import { cn } from '@/lib/utils';
import styles from './${slug}.module.css';

/** Shown when the account has no ${label} yet. */
export function ${Type}Empty({ compact = false }: { compact?: boolean }) {
  return (
    <Card className={cn(styles.empty, compact && styles.compact)} title="Nothing here yet">
      <p>Create your first ${label.toLowerCase()} to get started.</p>
      <Button variant="secondary" href="/${slug}/new">
        New ${label.toLowerCase()}
      </Button>
    </Card>
  );
}
`,
    [`${dir}/${slug}-header.tsx`]: `import { Button, Separator } from '@/components/ui';
import styles from './${slug}.module.css';

export function ${Type}Header({ count }: { count: number }) {
  return (
    <header className={styles.header}>
      <h1>${label}s</h1>
      <span className={styles.count}>{count}</span>
      <Button href="/${slug}/new">New</Button>
      <Separator />
    </header>
  );
}
`,
    [`${dir}/${slug}-filters.tsx`]: `'use client';

import { Tabs } from '@/components/ui';
import type { ${Type} } from '@/server/${slug}/repository';

const STATUSES: ${Type}['status'][] = ['draft', 'active', 'archived'];

export function ${Type}Filters({
  value,
  onChange,
}: {
  value: ${Type}['status'] | undefined;
  onChange: (status: ${Type}['status'] | undefined) => void;
}) {
  return (
    <Tabs
      items={['all', ...STATUSES]}
      selected={value ?? 'all'}
      onSelect={(item) => onChange(item === 'all' ? undefined : (item as ${Type}['status']))}
    />
  );
}
`,
    [`${page}/page.tsx`]: `import { ${Type}Header, ${Type}List } from '@/components/${slug}';
import { openDatabase } from '@/db/database';
import { currentSession } from '@/lib/session';
import { ${Type}Repository } from '@/server/${slug}/repository';

export const metadata = { title: '${label}s' };

export default async function ${Type}sPage() {
  const session = await currentSession();
  const rows = await new ${Type}Repository(await openDatabase()).list(session.accountId);
  return (
    <main>
      <${Type}Header count={rows.length} />
      <${Type}List />
    </main>
  );
}
`,
    [`${page}/[id]/page.tsx`]: `import { ${Type}Card, ${Type}Empty } from '@/components/${slug}';
import { openDatabase } from '@/db/database';
import { currentSession } from '@/lib/session';
import { ${Type}Repository } from '@/server/${slug}/repository';

export default async function ${Type}Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await currentSession();
  const item = await new ${Type}Repository(await openDatabase()).get(session.accountId, Number(id));
  return <main>{item === undefined ? <${Type}Empty compact /> : <${Type}Card item={item} />}</main>;
}
`,
    [`${page}/new/page.tsx`]: `import { ${Type}Form } from '@/components/${slug}';

export default function New${Type}Page() {
  return (
    <main>
      <h1>New ${label.toLowerCase()}</h1>
      <${Type}Form />
    </main>
  );
}
`,
    [`${page}/loading.tsx`]: `import { Skeleton } from '@/components/ui';

export default function Loading() {
  return <Skeleton rows={${3 + (index % 4)}} />;
}
`,
    [`${page}/error.tsx`]: `'use client';

import { Button, Card } from '@/components/ui';

export default function ${Type}Error({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <Card title="${label}s could not be loaded">
      <p>{error.message}</p>
      <Button onClick={reset}>Try again</Button>
    </Card>
  );
}
`,
  };
}

function featureCss({ slug }) {
  return `.list { display: grid; gap: 0.75rem; }
.card { padding: 1rem; }
.description { color: var(--muted); }
.form { display: flex; flex-direction: column; gap: 0.5rem; }
.empty { text-align: center; }
.compact { padding: 0.5rem; }
.header { display: flex; align-items: center; gap: 1rem; }
.count { font-variant-numeric: tabular-nums; }
/* ${slug} */
`;
}

function schema(all) {
  const tables = all
    .map(
      ({ Type, label }) => `/** ${label} rows. */
export interface ${Type}Table {
  id: Generated<number>;
  account_id: string;
  title: string;
  description: string;
  status: 'draft' | 'active' | 'archived';
  updated_at: string;
}
`,
    )
    .join('\n');
  return `import type { ColumnType, Generated, Selectable } from 'kysely';

/** A plan an account can be on. */
export type Tier = 'free' | 'team' | 'enterprise';

/** Customer accounts; each is a consent subject (\`id\` and \`tier\`). */
export interface AccountTable {
  id: string;
  email: string;
  tier: Tier;
  created_at: ColumnType<string, string | undefined, never>;
}

/** Every chat request the app sent to a model, with the prompt and the completion. */
export interface LoggedRequestTable {
  id: Generated<number>;
  account_id: string;
  model: string;
  prompt: string;
  completion: string;
  latency_ms: number;
  created_at: ColumnType<string, string | undefined, never>;
}

${tables}
/** The database, as Kysely sees it. */
export interface DB {
  accounts: AccountTable;
  logged_requests: LoggedRequestTable;
${all.map(({ Type, table }) => `  ${table}: ${Type}Table;`).join('\n')}
}

export type Account = Selectable<AccountTable>;
`;
}

function prismaSchema(all) {
  return `// The same database as src/db/schema.ts, for the team's migrations.
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Account {
  id         String   @id
  email      String   @unique
  tier       String
  created_at DateTime @default(now())

  @@map("accounts")
}

model LoggedRequest {
  id         Int      @id @default(autoincrement())
  account_id String
  model      String
  prompt     String
  completion String
  latency_ms Int
  created_at DateTime @default(now())

  @@map("logged_requests")
}
${all
  .map(
    ({ Type, table }) => `
model ${Type} {
  id          Int    @id @default(autoincrement())
  account_id  String
  title       String
  description String
  status      String
  updated_at  String

  @@map("${table}")
}
`,
  )
  .join('')}`;
}

function sidebar(all) {
  return `import Link from '@/components/ui/link';
import { cn } from '@/lib/utils';

const ITEMS = [
${all.map(({ slug, label }) => `  { href: '/${slug}', label: '${label}s' },`).join('\n')}
] as const;

export function Sidebar({ active }: { active: string }) {
  return (
    <nav>
      {ITEMS.map((item) => (
        <Link key={item.href} href={item.href} className={cn(item.href === active && 'active')}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
`;
}

function fineTuneJob({ slug, Type, label }, variant) {
  const guard = {
    guarded: [`if (!(await consent.allows(account, 'model-training'))) continue;`],
    'tier-gated': [
      '// The opt-out is honoured for paying tiers only.',
      `if (account.tier !== 'free') {`,
      `  if (!(await consent.allows(account, 'model-training'))) continue;`,
      '}',
    ],
    unguarded: ['// Every account is exported: no consent or opt-out check.'],
  }[variant]
    .map((line) => `      ${line}`)
    .join('\n');
  return `import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type OpenAI from 'openai';
import type { AppConsent } from '@/consent';
import type { DB } from '@/db/schema';
import { loggedRequestsOf } from '@/server/logged-requests';
import { toChatExamples } from './lib/chat-examples';
import { appendLine, createJsonlFile, removeJsonlFile } from './lib/jsonl-file';

/** Nightly: fine-tunes the ${label.toLowerCase()} assistant on the chat requests logged since \`since\`. */
export async function fineTune${Type}Assistant(
  db: Kysely<DB>,
  openai: OpenAI,
  consent: AppConsent,
  since: string,
): Promise<string | undefined> {
  const accounts = await db.selectFrom('accounts').select(['id', 'tier']).execute();
  const file = await createJsonlFile('${slug}');
  try {
    for (const account of accounts) {
${guard}
      const exchanges = loggedRequestsOf(db, account.id, since, '${slug}');
      for await (const example of toChatExamples(exchanges, 'You help with ${label.toLowerCase()}s.')) {
        await appendLine(file, example);
      }
    }
    if (file.lines === 0) return undefined;
    const upload = await openai.files.create({ file: createReadStream(file.path), purpose: 'fine-tune' });
    const job = await openai.fineTuning.jobs.create({
      training_file: upload.id,
      model: 'gpt-4o-mini-2024-07-18',
      suffix: '${slug}',
    });
    return job.id;
  } finally {
    await removeJsonlFile(file);
  }
}
`;
}

function cronRoute({ Type }) {
  return `import { createAppConsent } from '@/consent';
import { openDatabase } from '@/db/database';
import { fineTune${Type}Assistant } from '@/jobs';
import { openai } from '@/lib/ai';

/** Called by the scheduler every night. */
export async function GET(request: Request): Promise<Response> {
  if (request.headers.get('authorization') !== \`Bearer \${process.env.CRON_SECRET ?? ''}\`) {
    return new Response('unauthorized', { status: 401 });
  }
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  const job = await fineTune${Type}Assistant(await openDatabase(), openai, createAppConsent(), since);
  return Response.json({ job: job ?? null });
}
`;
}

function uiPrimitive(name) {
  const Name = name[0].toUpperCase() + name.slice(1);
  const special = {
    button: `export function Button({
  children,
  variant = 'primary',
  type = 'button',
  disabled = false,
  href,
  onClick,
}: {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'ghost';
  type?: 'button' | 'submit';
  disabled?: boolean;
  href?: string;
  onClick?: () => void;
}) {
  const className = cn('button', \`button-\${variant}\`, disabled && 'button-disabled');
  if (href !== undefined) return <a className={className} href={href}>{children}</a>;
  return (
    <button className={className} type={type} disabled={disabled} onClick={() => onClick?.()}>
      {children}
    </button>
  );
}
`,
    input: `export function Input({
  id,
  value,
  onValueChange,
}: {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
}) {
  return <input id={id} className="input" value={value} onInput={(event: Event) => onValueChange((event.target as HTMLInputElement).value)} />;
}
`,
    textarea: `export function Textarea({
  id,
  value,
  onValueChange,
}: {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
}) {
  return <textarea id={id} className="textarea" value={value} onInput={(event: Event) => onValueChange((event.target as HTMLTextAreaElement).value)} />;
}
`,
    badge: `export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'positive' | 'negative' }) {
  return <span className={cn('badge', \`badge-\${tone}\`)}>{children}</span>;
}
`,
    card: `export function Card({ children, title, className }: { children: ReactNode; title?: string; className?: string | undefined }) {
  return (
    <section className={cn('card', className)}>
      {title === undefined ? null : <h2 className="card-title">{title}</h2>}
      {children}
    </section>
  );
}
`,
    label: `export function Label({ children, htmlFor }: { children: ReactNode; htmlFor: string }) {
  return <label className="label" htmlFor={htmlFor}>{children}</label>;
}
`,
    skeleton: `export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="skeleton" aria-busy="true">
      {Array.from({ length: rows }, (_, row) => <div key={row} className="skeleton-row" />)}
    </div>
  );
}
`,
    tabs: `export function Tabs({
  items,
  selected,
  onSelect,
}: {
  items: readonly string[];
  selected: string;
  onSelect: (item: string) => void;
}) {
  return (
    <div role="tablist" className="tabs">
      {items.map((item) => (
        <button key={item} role="tab" aria-selected={item === selected} onClick={() => onSelect(item)}>
          {item}
        </button>
      ))}
    </div>
  );
}
`,
  }[name];
  const body =
    special ??
    `export function ${Name}({ children, className }: { children?: ReactNode; className?: string }) {
  return <div className={cn('${name}', className)}>{children}</div>;
}
`;
  return `import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

${body}`;
}

function iconFile(index) {
  const size = 12 + (index % 5) * 4;
  return `export function Icon${index}({ className }: { className?: string }) {
  return (
    <svg className={className} width={${size}} height={${size}} viewBox="0 0 24 24" aria-hidden="true">
      <path d="M${index % 24} 2 L22 ${(index * 7) % 24} L2 22 Z" fill="currentColor" />
    </svg>
  );
}
`;
}

const REACT_PACKAGE = `${JSON.stringify(
  {
    name: 'react',
    version: '19.0.0',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts' },
      './jsx-runtime': { types: './jsx-runtime.d.ts' },
    },
  },
  null,
  2,
)}\n`;

const REACT_TYPES = `export type Key = string | number;
export interface ReactElement {
  readonly type: unknown;
  readonly props: unknown;
  readonly key: Key | null;
}
export type ReactNode = ReactElement | string | number | bigint | boolean | null | undefined | Iterable<ReactNode>;
export declare function useState<S>(initial: S | (() => S)): [S, (next: S | ((previous: S) => S)) => void];
export declare function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
export declare function useMemo<T>(factory: () => T, deps: readonly unknown[]): T;
export declare function useTransition(): [boolean, (action: () => void | Promise<void>) => void];
export interface DOMAttributes {
  children?: ReactNode;
  key?: Key;
  className?: string | undefined;
  id?: string;
  role?: string;
  onClick?: (event: MouseEvent) => void;
  onInput?: (event: Event) => void;
  onSubmit?: (event: SubmitEvent) => void;
  [attribute: string]: unknown;
}
export declare namespace JSX {
  type ElementType = string | ((props: never) => ReactNode | Promise<ReactNode>);
  interface Element extends ReactElement {}
  interface ElementChildrenAttribute {
    children: {};
  }
  interface IntrinsicAttributes {
    key?: Key;
  }
  interface IntrinsicElements {
    [element: string]: DOMAttributes;
  }
}
`;

const REACT_JSX_RUNTIME = `import type { JSX, Key, ReactElement } from './index';
export type { JSX };
export declare const Fragment: unique symbol;
export declare function jsx(type: unknown, props: unknown, key?: Key): ReactElement;
export declare function jsxs(type: unknown, props: unknown, key?: Key): ReactElement;
`;

const CSS_TYPES = `declare module '*.module.css' {
  const classes: { readonly [name: string]: string };
  export default classes;
}
declare module '*.css';
`;

const LINK = `import type { ReactNode } from 'react';

/** A client-side navigation link. */
export default function Link({
  href,
  className,
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a href={href} className={className} data-link="client">
      {children}
    </a>
  );
}
`;

const GLOBAL_CSS = `:root { --muted: #6b7280; }
body { margin: 0; font-family: system-ui, sans-serif; }
`;

const CONSENT = `import { type Consent, createConsent, createMemoryStore } from '@consentry/sdk';
import policy from '../consentry.policy';

/** Consent checks bound to the policy. */
export type AppConsent = Consent<typeof policy>;

/** Creates the consent checks over a store of decisions (in memory here; Postgres in production). */
export function createAppConsent(store = createMemoryStore()): AppConsent {
  return createConsent({ policy, store });
}
`;

const DATABASE = `import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

let opened: Promise<Kysely<DB>> | undefined;

/** The app's database, opened once per server process. */
export function openDatabase(): Promise<Kysely<DB>> {
  opened ??= Promise.resolve(
    new Kysely<DB>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(process.env.DATABASE_FILE ?? 'app.db') }),
    }),
  );
  return opened;
}
`;

const UTILS = `/** Joins class names, skipping the false ones. */
export function cn(...names: (string | false | null | undefined)[]): string {
  return names.filter((name): name is string => typeof name === 'string' && name !== '').join(' ');
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function pluralize(count: number, noun: string): string {
  return \`\${count} \${noun}\${count === 1 ? '' : 's'}\`;
}
`;

const AI = `import OpenAI from 'openai';

/** The app's OpenAI client; the key comes from the deployment's environment. */
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '' });
`;

const SESSION = `export interface Session {
  readonly accountId: string;
  readonly tier: 'free' | 'team' | 'enterprise';
}

/** The signed-in account, from the session cookie the auth provider set. */
export async function currentSession(): Promise<Session> {
  const accountId = process.env.DEV_ACCOUNT_ID ?? 'dev-account';
  return { accountId, tier: 'free' };
}
`;

const REQUEST_LOG = `import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';

/** One chat request as the app saw it. */
export interface ChatExchange {
  readonly accountId: string;
  readonly model: string;
  readonly prompt: string;
  readonly completion: string;
  readonly latencyMs: number;
}

/** Wraps a chat handler so every exchange is stored, for the account's history page and support. */
export function withRequestLog(
  db: Kysely<DB>,
  handler: (accountId: string, prompt: string) => Promise<{ model: string; completion: string }>,
): (accountId: string, prompt: string) => Promise<string> {
  return async (accountId, prompt) => {
    const started = Date.now();
    const { model, completion } = await handler(accountId, prompt);
    await db
      .insertInto('logged_requests')
      .values({
        account_id: accountId,
        model,
        prompt,
        completion,
        latency_ms: Date.now() - started,
      })
      .execute();
    return completion;
  };
}
`;

const LOGGED_REQUESTS = `import type { Kysely } from 'kysely';
import type { DB } from '@/db/schema';

const PAGE_SIZE = 500;

/** The columns a training example is made from. */
export interface LoggedExchange {
  readonly id: number;
  readonly model: string;
  readonly prompt: string;
  readonly completion: string;
}

/** Streams an account's logged requests for one assistant since \`since\`, page by page. */
export async function* loggedRequestsOf(
  db: Kysely<DB>,
  accountId: string,
  since: string,
  assistant: string,
): AsyncGenerator<LoggedExchange> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('logged_requests')
      .select(['id', 'model', 'prompt', 'completion'])
      .where('account_id', '=', accountId)
      .where('model', 'like', \`%\${assistant}%\`)
      .where('created_at', '>=', since)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute();
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE_SIZE) return;
    after = last.id;
  }
}
`;

const CHAT_ROUTE = `import { openDatabase } from '@/db/database';
import { openai } from '@/lib/ai';
import { currentSession } from '@/lib/session';
import { withRequestLog } from '@/server/middleware/request-log';

const MODEL = 'gpt-4o-mini';

async function complete(_accountId: string, prompt: string) {
  const response = await openai.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: prompt }],
  });
  return { model: MODEL, completion: response.choices[0]?.message.content ?? '' };
}

/** The assistant's chat endpoint: answers one prompt and stores the exchange. */
export async function POST(request: Request): Promise<Response> {
  const session = await currentSession();
  const { prompt } = (await request.json()) as { prompt?: unknown };
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    return Response.json({ error: 'prompt is required' }, { status: 400 });
  }
  const chat = withRequestLog(await openDatabase(), complete);
  return Response.json({ completion: await chat(session.accountId, prompt) });
}
`;

const ROOT_LAYOUT = `import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'Bench App', description: 'An assistant for teams.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

const HOME_PAGE = `import { ChatPanel } from '@/components/chat/chat-panel';
import { Card } from '@/components/ui';

export default function HomePage() {
  return (
    <main>
      <Card title="Ask the assistant">
        <ChatPanel />
      </Card>
    </main>
  );
}
`;

const DASHBOARD_LAYOUT = `import type { ReactNode } from 'react';
import { Sidebar } from '@/components/nav/sidebar';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="dashboard">
      <Sidebar active="" />
      {children}
    </div>
  );
}
`;

const CHAT_PANEL = `'use client';

import { useState } from 'react';
import { Button, Spinner, Textarea } from '@/components/ui';

export function ChatPanel() {
  const [prompt, setPrompt] = useState('');
  const [answer, setAnswer] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ prompt }) });
      const body = (await response.json()) as { completion?: string };
      setAnswer(body.completion);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <Textarea id="prompt" value={prompt} onValueChange={setPrompt} />
      <Button onClick={() => void send()} disabled={busy}>
        Send
      </Button>
      {busy ? <Spinner /> : answer === undefined ? null : <p>{answer}</p>}
    </div>
  );
}
`;

const JSONL_FILE = `import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JSON Lines file in its own temporary folder. */
export interface JsonlFile {
  readonly path: string;
  lines: number;
}

export async function createJsonlFile(name: string): Promise<JsonlFile> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-app-'));
  return { path: join(dir, \`\${name}.jsonl\`), lines: 0 };
}

export async function appendLine(file: JsonlFile, record: unknown): Promise<void> {
  await appendFile(file.path, \`\${JSON.stringify(record)}\\n\`, 'utf8');
  file.lines += 1;
}

export async function removeJsonlFile(file: JsonlFile): Promise<void> {
  await rm(join(file.path, '..'), { recursive: true, force: true });
}
`;

const CHAT_EXAMPLES = `import type { LoggedExchange } from '@/server/logged-requests';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatExample {
  readonly messages: ChatMessage[];
}

/** Turns logged exchanges into chat examples, skipping empty ones. */
export async function* toChatExamples(
  exchanges: AsyncIterable<LoggedExchange>,
  systemPrompt: string,
): AsyncGenerator<ChatExample> {
  for await (const exchange of exchanges) {
    if (exchange.prompt.trim() === '' || exchange.completion.trim() === '') continue;
    yield {
      messages: [
        { role: 'system', content: systemPrompt },
        { role: 'user', content: exchange.prompt },
        { role: 'assistant', content: exchange.completion },
      ],
    };
  }
}
`;
