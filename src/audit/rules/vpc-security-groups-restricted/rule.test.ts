import { describe, expect, it } from 'vitest';
import type { Permission, SecurityGroup } from '../../model.js';
import {
  buildJob,
  buildNetwork,
  buildPermission,
  buildSecurityGroup,
  ctx,
  denied,
  fromCidr,
  fromGroup,
  notFound,
  patchNetwork,
} from '../../testing/builders.js';
import { vpcSecurityGroupsRestricted } from './rule.js';

const job = buildJob();

function withIngress(...ingress: Permission[]) {
  return buildNetwork({ securityGroups: [buildSecurityGroup('sg-1', { name: 'training', ingress })] });
}

const ssh = { protocol: 'tcp', fromPort: 22, toPort: 22 };

describe('vpc-security-groups-restricted', () => {
  it.each`
    name                                 | network                                                                 | status    | message
    ${'SG referencing itself'}           | ${withIngress(fromGroup('sg-1'))}                                       | ${'pass'} | ${'sg-1 allows no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)'}
    ${'private /8 source'}               | ${withIngress(fromCidr('10.0.0.0/8'))}                                  | ${'pass'} | ${'sg-1 allows no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)'}
    ${'narrow public source /24'}        | ${withIngress(fromCidr('203.0.113.0/24', ssh))}                         | ${'pass'} | ${'sg-1 allows no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)'}
    ${'prefix-list source'}              | ${withIngress(buildPermission({ prefixListIds: [{ prefixListId: 'pl-1' }] }))} | ${'pass'} | ${'sg-1 allows no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)'}
    ${'no ingress at all'}               | ${withIngress()}                                                        | ${'pass'} | ${'sg-1 allows no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)'}
    ${'open on ::/0 only'}               | ${withIngress(fromCidr('10.0.0.0/16'), fromCidr('::/0', ssh))}          | ${'fail'} | ${'sg-1 (training) allows inbound tcp port 22 from ::/0'}
    ${'open on 11.0.0.0/8'}              | ${withIngress(fromCidr('11.0.0.0/8'))}                                  | ${'fail'} | ${'sg-1 (training) allows inbound all traffic from 11.0.0.0/8'}
    ${'open on 0.0.0.0/0, HTTPS'}        | ${withIngress(fromCidr('0.0.0.0/0', { protocol: 'tcp', fromPort: 443, toPort: 443 }))} | ${'fail'} | ${'sg-1 (training) allows inbound tcp port 443 from 0.0.0.0/0'}
    ${'open on two sources'}             | ${withIngress(fromCidr('0.0.0.0/0', ssh), fromCidr('::/0', ssh))}       | ${'fail'} | ${'sg-1 (training) allows inbound tcp port 22 from 0.0.0.0/0 and tcp port 22 from ::/0'}
  `('$name → $status', ({ network, status, message }) => {
    const finding = vpcSecurityGroupsRestricted.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ rule: 'vpc-security-groups-restricted', status, severity: 'high', message });
  });

  it('records each open entry exactly, for an exact revoke', () => {
    const network = withIngress(fromCidr('::/0', ssh, 'ops ssh'), fromGroup('sg-1'));

    const finding = vpcSecurityGroupsRestricted.evaluate(job, network, ctx);

    expect(finding.evidence).toEqual({
      rule: 'vpc-security-groups-restricted',
      openIngress: [
        { groupId: 'sg-1', groupName: 'training', protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '::/0', family: 'ipv6', description: 'ops ssh' },
      ],
    });
    expect(finding.resources).toEqual(['sg-1']);
  });

  it.each`
    name                    | firstIngress                      | second                                                                                 | resources           | message
    ${'one of two is open'} | ${[]}                             | ${buildSecurityGroup('sg-2', { name: 'web', ingress: [fromCidr('0.0.0.0/0', ssh)] })} | ${['sg-2']}         | ${'sg-2 (web) allows inbound tcp port 22 from 0.0.0.0/0'}
    ${'both are open'}      | ${[fromCidr('0.0.0.0/0', ssh)]}   | ${buildSecurityGroup('sg-2', { name: 'sg-2', ingress: [fromCidr('::/0')] })}          | ${['sg-1', 'sg-2']} | ${'2 of 2 security groups allow inbound traffic from public ranges: sg-1 (training): tcp port 22 from 0.0.0.0/0; sg-2: all traffic from ::/0'}
  `('names only the open groups when several are attached: $name', ({ firstIngress, second, resources, message }) => {
    const network = buildNetwork({ securityGroups: [buildSecurityGroup('sg-1', { name: 'training', ingress: firstIngress }), second] });
    const twoGroups = buildJob({ vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1', 'sg-2'] } });

    const finding = vpcSecurityGroupsRestricted.evaluate(twoGroups, network, ctx);

    expect(finding.message).toBe(message);
    expect(finding.resources).toEqual(resources);
  });

  it.each`
    name               | fact                                                     | message
    ${'deleted SG'}    | ${notFound('ec2:DescribeSecurityGroups', 'sg-1')}        | ${'sg-1 was not found (ec2:DescribeSecurityGroups); it may have been deleted'}
    ${'SG denied'}     | ${denied('ec2:DescribeSecurityGroups', 'sg-1')}          | ${'ec2:DescribeSecurityGroups was denied for sg-1; grant it to judge this security group'}
  `('$name → unknown', ({ fact, message }) => {
    const network = patchNetwork(withIngress(), { securityGroups: { 'sg-1': fact } });

    expect(vpcSecurityGroupsRestricted.evaluate(job, network, ctx)).toMatchObject({ status: 'unknown', message, resources: ['sg-1'] });
  });

  it('fails on an open group even when another cannot be read', () => {
    const network = patchNetwork(withIngress(fromCidr('0.0.0.0/0')), { securityGroups: { 'sg-2': denied('ec2:DescribeSecurityGroups', 'sg-2') } });
    const twoGroups = buildJob({ vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1', 'sg-2'] } });

    const finding = vpcSecurityGroupsRestricted.evaluate(twoGroups, network, ctx);

    expect(finding.status).toBe('fail');
    expect(finding.notes).toEqual(['ec2:DescribeSecurityGroups was denied for sg-2; grant it to judge this security group']);
  });

  it.each`
    name                          | job                                                                           | message
    ${'no VpcConfig'}             | ${buildJob({ vpcConfig: undefined })}                                         | ${'skipped: the job has no VpcConfig'}
    ${'empty SecurityGroupIds'}   | ${buildJob({ vpcConfig: { subnets: ['subnet-1'], securityGroupIds: [] } })}  | ${"skipped: the job's VpcConfig lists no security groups"}
  `('$name → skip', ({ job, message }) => {
    expect(vpcSecurityGroupsRestricted.evaluate(job, withIngress(), ctx)).toMatchObject({ status: 'skip', message });
  });

  it('judges the groups even when Subnets is empty', () => {
    const noSubnets = buildJob({ vpcConfig: { subnets: [], securityGroupIds: ['sg-1'] } });

    expect(vpcSecurityGroupsRestricted.evaluate(noSubnets, withIngress(fromCidr('0.0.0.0/0')), ctx).status).toBe('fail');
  });

  it.each`
    name                       | group                                                                                                  | note
    ${'default group'}         | ${buildSecurityGroup('sg-1', { name: 'default' })}                                                     | ${"sg-1 is the VPC's default security group: everything else launched with it can reach the training instances; prefer a dedicated training security group"}
    ${'cross-account source'}  | ${buildSecurityGroup('sg-1', { ingress: [fromGroup('sg-9', {}, '999988887777')] })}                   | ${'sg-1 allows inbound all traffic from sg-9 in account 999988887777'}
    ${'prefix-list source'}    | ${buildSecurityGroup('sg-1', { ingress: [buildPermission({ prefixListIds: [{ prefixListId: 'pl-1' }] })] })} | ${'sg-1 allows inbound all traffic from prefix list pl-1; prefix-list contents are not resolved yet, so this entry is not judged'}
  `('notes a $name without failing', ({ group, note }: { group: SecurityGroup; note: string }) => {
    const finding = vpcSecurityGroupsRestricted.evaluate(job, buildNetwork({ securityGroups: [group] }), ctx);

    expect(finding.status).toBe('pass');
    expect(finding.notes).toEqual([note]);
  });
});
