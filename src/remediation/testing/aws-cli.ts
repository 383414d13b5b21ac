/**
 * A whitelist of the AWS CLI subcommands remediation may print, with their real options (from the
 * AWS CLI Command Reference, https://docs.aws.amazon.com/cli/latest/reference/<service>/<command>.html),
 * and a small POSIX-shell parser that finds every `aws` invocation in a snippet and checks it.
 * Test support only.
 * @module
 */

export interface CommandSpec {
  /** Options of the subcommand itself (global options are in `GLOBAL_OPTIONS`). */
  options: readonly string[];
  required: readonly string[];
}

/** Global options our snippets use (`aws help`: "Global Options"). */
export const GLOBAL_OPTIONS = ['--region', '--output', '--query'] as const;

/** Options that take no value. */
const SWITCHES = new Set(['--dry-run', '--no-dry-run', '--reset-policy', '--no-reset-policy', '--private-dns-enabled', '--no-private-dns-enabled']);

const SKELETON = ['--cli-input-json', '--generate-cli-skeleton'];

export const AWS_CLI_WHITELIST: Record<string, CommandSpec> = {
  'sagemaker describe-training-job': { options: ['--training-job-name', ...SKELETON], required: ['--training-job-name'] },
  'sagemaker list-tags': { options: ['--resource-arn', '--next-token', '--max-results', '--starting-token', '--page-size', '--max-items', ...SKELETON], required: ['--resource-arn'] },
  'sagemaker create-training-job': {
    options: [
      '--training-job-name', '--hyper-parameters', '--algorithm-specification', '--role-arn', '--input-data-config',
      '--output-data-config', '--resource-config', '--vpc-config', '--stopping-condition', '--tags',
      '--enable-network-isolation', '--no-enable-network-isolation', '--enable-inter-container-traffic-encryption',
      '--no-enable-inter-container-traffic-encryption', '--enable-managed-spot-training', '--no-enable-managed-spot-training',
      '--checkpoint-config', '--debug-hook-config', '--debug-rule-configurations', '--tensor-board-output-config',
      '--experiment-config', '--profiler-config', '--profiler-rule-configurations', '--environment', '--retry-strategy',
      '--remote-debug-config', '--infra-check-config', '--session-chaining-config', '--serverless-job-config',
      '--mlflow-config', '--model-package-config', ...SKELETON,
    ],
    required: [],
  },
  'sagemaker stop-training-job': { options: ['--training-job-name', ...SKELETON], required: ['--training-job-name'] },
  'ec2 describe-network-interfaces': {
    options: ['--network-interface-ids', '--filters', '--include-managed-resources', '--dry-run', '--no-dry-run', '--next-token', '--max-results', '--starting-token', '--page-size', '--max-items', ...SKELETON],
    required: [],
  },
  'ec2 describe-security-groups': {
    options: ['--group-ids', '--group-names', '--filters', '--dry-run', '--no-dry-run', '--next-token', '--max-results', '--starting-token', '--page-size', '--max-items', ...SKELETON],
    required: [],
  },
  'ec2 describe-route-tables': {
    options: ['--route-table-ids', '--filters', '--dry-run', '--no-dry-run', '--next-token', '--max-results', '--starting-token', '--page-size', '--max-items', ...SKELETON],
    required: [],
  },
  'ec2 create-security-group': {
    options: ['--description', '--group-name', '--vpc-id', '--tag-specifications', '--dry-run', '--no-dry-run', ...SKELETON],
    required: ['--description', '--group-name'],
  },
  'ec2 delete-security-group': { options: ['--group-id', '--group-name', '--dry-run', '--no-dry-run', ...SKELETON], required: [] },
  'ec2 authorize-security-group-ingress': {
    options: ['--group-id', '--group-name', '--ip-permissions', '--cidr-ip', '--from-port', '--to-port', '--ip-protocol', '--source-security-group-name', '--source-security-group-owner-id', '--tag-specifications', '--dry-run', '--no-dry-run', '--protocol', '--port', '--cidr', '--source-group', '--group-owner', ...SKELETON],
    required: [],
  },
  'ec2 authorize-security-group-egress': {
    options: ['--group-id', '--ip-permissions', '--cidr-ip', '--from-port', '--to-port', '--ip-protocol', '--source-security-group-name', '--source-security-group-owner-id', '--tag-specifications', '--dry-run', '--no-dry-run', '--protocol', '--port', '--cidr', '--source-group', '--group-owner', ...SKELETON],
    required: ['--group-id'],
  },
  'ec2 revoke-security-group-ingress': {
    options: ['--group-id', '--group-name', '--ip-permissions', '--security-group-rule-ids', '--cidr-ip', '--from-port', '--to-port', '--ip-protocol', '--source-security-group-name', '--source-security-group-owner-id', '--dry-run', '--no-dry-run', '--protocol', '--port', '--cidr', '--source-group', '--group-owner', ...SKELETON],
    required: [],
  },
  'ec2 revoke-security-group-egress': {
    options: ['--group-id', '--ip-permissions', '--security-group-rule-ids', '--cidr-ip', '--from-port', '--to-port', '--ip-protocol', '--source-security-group-name', '--source-security-group-owner-id', '--dry-run', '--no-dry-run', '--protocol', '--port', '--cidr', '--source-group', '--group-owner', ...SKELETON],
    required: ['--group-id'],
  },
  'ec2 create-vpc-endpoint': {
    options: ['--vpc-id', '--vpc-endpoint-type', '--service-name', '--policy-document', '--route-table-ids', '--subnet-ids', '--security-group-ids', '--ip-address-type', '--dns-options', '--client-token', '--private-dns-enabled', '--no-private-dns-enabled', '--tag-specifications', '--subnet-configurations', '--service-network-arn', '--resource-configuration-arn', '--service-region', '--dry-run', '--no-dry-run', ...SKELETON],
    required: ['--vpc-id'],
  },
  'ec2 modify-vpc-endpoint': {
    options: ['--vpc-endpoint-id', '--reset-policy', '--no-reset-policy', '--policy-document', '--add-route-table-ids', '--remove-route-table-ids', '--add-subnet-ids', '--remove-subnet-ids', '--add-security-group-ids', '--remove-security-group-ids', '--ip-address-type', '--dns-options', '--private-dns-enabled', '--no-private-dns-enabled', '--subnet-configurations', '--dry-run', '--no-dry-run', ...SKELETON],
    required: ['--vpc-endpoint-id'],
  },
  'ec2 delete-vpc-endpoints': { options: ['--vpc-endpoint-ids', '--dry-run', '--no-dry-run', ...SKELETON], required: ['--vpc-endpoint-ids'] },
  'organizations create-policy': { options: ['--content', '--description', '--name', '--type', '--tags', ...SKELETON], required: ['--content', '--name', '--type'] },
  'organizations attach-policy': { options: ['--policy-id', '--target-id', ...SKELETON], required: ['--policy-id', '--target-id'] },
  'organizations detach-policy': { options: ['--policy-id', '--target-id', ...SKELETON], required: ['--policy-id', '--target-id'] },
  'organizations delete-policy': { options: ['--policy-id', ...SKELETON], required: ['--policy-id'] },
  'iam put-role-policy': { options: ['--role-name', '--policy-name', '--policy-document', ...SKELETON], required: ['--role-name', '--policy-name', '--policy-document'] },
  'iam delete-role-policy': { options: ['--role-name', '--policy-name', ...SKELETON], required: ['--role-name', '--policy-name'] },
};

/** Splits shell code into simple commands (word lists), following quotes, `\`-newlines, pipes and `$(…)`. */
export function parseShell(code: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  let skipNext = false;
  const endWord = (): void => {
    if (word === undefined) return;
    if (skipNext) skipNext = false;
    else words.push(word);
    word = undefined;
  };
  const endCommand = (): void => {
    endWord();
    // Leading `NAME=value` assignments are not the command.
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) words.shift();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i] ?? '';
    const next = code[i + 1] ?? '';
    if (c === '#' && word === undefined) {
      while (i < code.length && code[i] !== '\n') i++;
      endCommand();
    } else if (c === '\\') {
      if (next !== '\n') word = (word ?? '') + next;
      i++;
    } else if (c === "'") {
      const close = code.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + code.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let text = '';
      for (i++; i < code.length && code[i] !== '"'; i++) {
        if (code[i] === '\\' && '\\"$`'.includes(code[i + 1] ?? '')) i++;
        text += code[i];
      }
      if (i >= code.length) throw new Error('unterminated double quote');
      word = (word ?? '') + text;
    } else if (c === '$' && next === '(') {
      endCommand();
      i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if ('\n|&;()'.includes(c)) {
      endCommand();
    } else if (c === '>' || c === '<') {
      endWord();
      skipNext = true;
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return commands;
}

export interface AwsInvocation {
  key: string;
  options: Map<string, string[]>;
}

/** Every `aws` invocation in the code, with its options (a value list per option). */
export function awsInvocations(code: string): AwsInvocation[] {
  return parseShell(code)
    .filter((words) => words[0] === 'aws')
    .map((words) => {
      const options = new Map<string, string[]>();
      let current: string[] | undefined;
      for (const w of words.slice(3)) {
        if (w.startsWith('--')) {
          if (options.has(w)) throw new Error(`option ${w} given twice`);
          current = [];
          options.set(w, current);
        } else if (current) current.push(w);
        else throw new Error(`stray argument ${w}`);
      }
      return { key: `${words[1] ?? ''} ${words[2] ?? ''}`, options };
    });
}

/** Problems with the `aws` invocations in shell code; empty when every one is a real, well-formed command. */
export function awsCliProblems(code: string): string[] {
  const problems: string[] = [];
  let invocations: AwsInvocation[];
  try {
    invocations = awsInvocations(code);
  } catch (error) {
    return [String(error)];
  }
  for (const { key, options } of invocations) {
    const spec = AWS_CLI_WHITELIST[key];
    if (!spec) {
      problems.push(`aws ${key}: not a whitelisted subcommand`);
      continue;
    }
    const allowed = new Set<string>([...spec.options, ...GLOBAL_OPTIONS]);
    for (const [flag, values] of options) {
      if (!allowed.has(flag)) problems.push(`aws ${key}: unknown option ${flag}`);
      if (SWITCHES.has(flag) !== (values.length === 0)) problems.push(`aws ${key}: ${flag} has ${values.length} values`);
      for (const v of values) {
        if (/^[[{]/.test(v) && !parsesAsJson(v)) problems.push(`aws ${key}: ${flag} value is not valid JSON`);
      }
    }
    for (const flag of spec.required) if (!options.has(flag)) problems.push(`aws ${key}: missing ${flag}`);
    const output = options.get('--output');
    if (output && !['json', 'text', 'table'].includes(output[0] ?? '')) problems.push(`aws ${key}: bad --output ${output[0]}`);
    const region = options.get('--region');
    if (region && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region[0] ?? '')) problems.push(`aws ${key}: bad --region ${region[0]}`);
  }
  return problems;
}

/** `aws <service> <command>` mentions in prose (text snippets), each checked against the whitelist. */
export function awsMentionProblems(text: string): string[] {
  return [...text.matchAll(/\baws\s+([a-z0-9-]+)\s+([a-z0-9-]+)/g)]
    .map((m) => `${m[1]} ${m[2]}`)
    .filter((key) => !AWS_CLI_WHITELIST[key])
    .map((key) => `aws ${key}: not a whitelisted subcommand`);
}

function parsesAsJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
