/**
 * `rules`: the rule list with kind, severity and compliance mappings.
 * @module
 */
import type { Command } from '../../app/command-grammar.js';
import { rules } from '../../audit/rules/index.js';
import { formatRules } from '../format/text.js';
import type { CliIo } from '../main.js';

export function runRules(command: Extract<Command, { kind: 'rules' }>, io: CliIo): number {
  if (command.json) {
    const list = rules.map(({ evaluate: _evaluate, ...metadata }) => metadata);
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${formatRules(rules)}\n`);
  return 0;
}
