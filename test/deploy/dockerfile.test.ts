/**
 * The Dockerfile, read without Docker: a multi-stage build (`npm ci` + `npm run build`, then
 * production dependencies with scripts off and better-sqlite3 rebuilt), a runtime that runs as a
 * non-root user with a node-based HEALTHCHECK on /healthz, port 3000 and DATA_DIR on a volume, and
 * no secret baked in. `.dockerignore` keeps secrets and local state out of the build context.
 * The checks are data; each is shown failing on a broken Dockerfile.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Instructions grouped by stage; continuation lines joined, comments dropped. */
function parseDockerfile(text: string): { preamble: Instruction[]; stages: Stage[] } {
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) return;
    if (line.startsWith('#')) return; // comments inside a continued instruction
    if (pending === '') startLine = i + 1;
    pending += `${line.replace(/\\$/, '').trim()} `;
    if (line.endsWith('\\')) return;
    const [keyword = '', ...rest] = pending.trim().split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: startLine };
    pending = '';
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ base, name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length), instructions: [] });
    } else (stages.at(-1)?.instructions ?? preamble).push(instruction);
  });
  return { preamble, stages };
}

const SECRET_NAMES = /^(SLACK_BOT_TOKEN|SLACK_APP_TOKEN|SLACK_SIGNING_SECRET|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|NPM_TOKEN|.*(SECRET|PASSWORD|TOKEN)[A-Z_]*)$/;
const SECRET_VALUES = /xox[abpr]-[0-9A-Za-z-]+|xapp-[0-9A-Za-z-]+|\b(AKIA|ASIA)[A-Z0-9]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

type Dockerfile = ReturnType<typeof parseDockerfile>;
const runtime = (d: Dockerfile) => d.stages.at(-1);
const all = (d: Dockerfile) => [...d.preamble, ...d.stages.flatMap((s) => s.instructions)];
const inStage = (s: Stage | undefined, keyword: string) => (s?.instructions ?? []).filter((i) => i.keyword === keyword);
const envNames = (args: string) => [...args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1] ?? '');

/** Each rule: a name and a predicate over the parsed Dockerfile. */
const RULES: Array<[string, (d: Dockerfile) => boolean]> = [
  ['is multi-stage: a build stage and a runtime stage that copies from it', (d) => d.stages.length >= 2 && inStage(runtime(d), 'COPY').some((c) => /--from=\w+/.test(c.args))],
  ['builds with npm ci and npm run build', (d) => d.stages.some((s) => inStage(s, 'RUN').some((r) => /\bnpm ci\b/.test(r.args)) && inStage(s, 'RUN').some((r) => /\bnpm run build\b/.test(r.args)))],
  [
    'installs production dependencies with scripts off, then rebuilds better-sqlite3',
    (d) => d.stages.some((s) => inStage(s, 'RUN').some((r) => /\bnpm ci\b(?=.*--omit=dev)(?=.*--ignore-scripts)/.test(r.args) && /\bnpm rebuild better-sqlite3\b/.test(r.args))),
  ],
  ['never copies dev dependencies into the runtime', (d) => !inStage(runtime(d), 'COPY').some((c) => /--from=build\b.*node_modules/.test(c.args))],
  [
    'runs as a non-root user',
    (d) => {
      const user = inStage(runtime(d), 'USER').at(-1)?.args.split(':')[0];
      return user !== undefined && user !== 'root' && user !== '0';
    },
  ],
  [
    'has a HEALTHCHECK on /healthz using node (no curl or wget in slim images)',
    (d) => inStage(runtime(d), 'HEALTHCHECK').some((h) => /\/healthz/.test(h.args) && /\bnode\b/.test(h.args) && !/\b(curl|wget)\b/.test(h.args)),
  ],
  ['exposes port 3000', (d) => inStage(runtime(d), 'EXPOSE').some((e) => e.args.split(/\s+/).includes('3000'))],
  [
    'keeps DATA_DIR on a volume',
    (d) => {
      const dataDir = inStage(runtime(d), 'ENV').map((e) => /(?:^|\s)DATA_DIR=(\S+)/.exec(e.args)?.[1]).find(Boolean);
      return dataDir !== undefined && inStage(runtime(d), 'VOLUME').some((v) => v.args.includes(dataDir));
    },
  ],
  ['starts the bot in exec form', (d) => inStage(runtime(d), 'CMD').some((c) => /^\[\s*"node",\s*"dist\/app\/main\.js"\s*\]$/.test(c.args))],
  ['declares no secret as ENV or ARG', (d) => !all(d).some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && [...envNames(i.args), i.args.split(/[=\s]/)[0] ?? ''].some((n) => SECRET_NAMES.test(n)))],
  ['contains no secret value', (d) => !all(d).some((i) => SECRET_VALUES.test(i.args))],
  ['copies no .env, key or credentials file', (d) => !all(d).some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /(^|\s|\/)(\.env\b|\.aws\b|\.npmrc\b|[^\s]*\.(pem|key)\b)/.test(i.args))],
];

const dockerfile = readFileSync(new URL('Dockerfile', `file://${REPO_ROOT}`), 'utf8');
const dockerignore = readFileSync(new URL('.dockerignore', `file://${REPO_ROOT}`), 'utf8');

describe('Dockerfile', () => {
  const parsed = parseDockerfile(dockerfile);

  it.each(RULES)('%s', (_name, holds) => {
    expect(holds(parsed)).toBe(true);
  });

  it('names its stages and starts the runtime from a slim Node 20 image', () => {
    expect(parsed.stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    expect(parsed.preamble.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args).toBe('NODE_IMAGE=node:20-bookworm-slim');
  });
});

describe('the Dockerfile rules can fail', () => {
  const broken: Array<[string, (text: string) => string, string]> = [
    ['single stage', (t) => t.replace(/COPY --from=\w+ [^\n]*\n/g, ''), 'is multi-stage: a build stage and a runtime stage that copies from it'],
    ['scripts on in production', (t) => t.replace('npm ci --omit=dev --ignore-scripts', 'npm ci --omit=dev'), 'installs production dependencies with scripts off, then rebuilds better-sqlite3'],
    ['root user', (t) => t.replace('USER node', 'USER root'), 'runs as a non-root user'],
    ['no USER', (t) => t.replace('USER node\n', ''), 'runs as a non-root user'],
    ['curl health check', (t) => t.replace(/CMD \["node", "-e", [^\n]*/, 'CMD curl -f http://127.0.0.1:3000/healthz'), 'has a HEALTHCHECK on /healthz using node (no curl or wget in slim images)'],
    ['no EXPOSE', (t) => t.replace('EXPOSE 3000\n', ''), 'exposes port 3000'],
    ['no volume', (t) => t.replace('VOLUME ["/data"]\n', ''), 'keeps DATA_DIR on a volume'],
    ['a baked token', (t) => t.replace('ENV NODE_ENV=production', 'ENV SLACK_BOT_TOKEN=xoxb-123-abc NODE_ENV=production'), 'declares no secret as ENV or ARG'],
    ['a secret build arg', (t) => t.replace('ARG NODE_IMAGE=', 'ARG SLACK_SIGNING_SECRET\nARG NODE_IMAGE='), 'declares no secret as ENV or ARG'],
    ['a copied .env', (t) => t.replace('COPY src ./src', 'COPY src ./src\nCOPY .env ./'), 'copies no .env, key or credentials file'],
  ];

  it.each(broken)('%s breaks "%s"', (_what, mutate, ruleName) => {
    const mutated = mutate(dockerfile);
    expect(mutated).not.toBe(dockerfile);
    const rule = RULES.find(([name]) => name === ruleName);
    expect(rule?.[1](parseDockerfile(mutated))).toBe(false);
  });
});

describe('.dockerignore', () => {
  const entries = dockerignore.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  it.each(['.git', 'node_modules', 'dist', 'data', '.env', '.env.*', '.aws', '.npmrc', '*.pem'])('keeps %s out of the build context', (entry) => {
    expect(entries).toContain(entry);
  });

  it('lets in what the build copies', () => {
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'iam-policy.json', 'manifest.yml']) {
      expect(entries.some((e) => e === needed || e === `${needed}/`), needed).toBe(false);
    }
  });
});
