import { describe, expect, it } from 'vitest';
import { interpretLine } from './composer-intent.js';

describe('interpretLine', () => {
  it.each([
    ['/sagemaker-vpc check vision-resnet-open-ssh', { kind: 'slash', text: 'check vision-resnet-open-ssh' }],
    ['  /sagemaker-vpc   check --all --since all  ', { kind: 'slash', text: 'check --all --since all' }],
    ['/sagemaker-vpc', { kind: 'slash', text: '' }],
    ['/sagemaker-vpc\ncheck x', { kind: 'slash', text: 'check x' }],
    ['/invite @sagemaker-vpc', { kind: 'membership', join: true }],
    ['/invite <@U0SANDBOXBOT>', { kind: 'membership', join: true }],
    ['/remove sagemaker-vpc', { kind: 'membership', join: false }],
    ['/kick @sagemaker-vpc', { kind: 'membership', join: false }],
    ['hello team', { kind: 'message', text: 'hello team' }],
    ['   ', { kind: 'empty' }],
  ])('%j', (line, intent) => {
    expect(interpretLine(line)).toEqual(intent);
  });

  it.each([
    ['/sagemaker-vpcx check', '/sagemaker-vpcx is not a valid command'],
    ['/giphy cats', '/giphy is not a valid command'],
    ['/invite @bob', 'only works for @sagemaker-vpc'],
    [`/sagemaker-vpc ${'x'.repeat(5000)}`, 'the playground sends at most 4000'],
  ])('explains %s', (line, notice) => {
    const intent = interpretLine(line);
    expect(intent.kind).toBe('notice');
    expect(intent.kind === 'notice' && intent.text).toContain(notice);
  });
});
