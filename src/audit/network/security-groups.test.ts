import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  buildNetwork,
  buildPermission,
  buildSecurityGroup,
  denied,
  fromCidr,
  fromGroup,
  patchNetwork,
} from '../testing/builders.js';
import {
  allowsAllTrafficFrom,
  allowsPeerTraffic,
  classifySecurityGroup,
  describeTraffic,
  isOpenSource,
  openIngressRules,
  trustNotes,
} from './security-groups.js';

describe('isOpenSource', () => {
  it.each`
    cidr                  | expected
    ${'0.0.0.0/0'}        | ${true}
    ${'::/0'}             | ${true}
    ${'11.0.0.0/8'}       | ${true}
    ${'0.0.0.0/1'}        | ${true}
    ${'12.0.0.0/9'}       | ${false}
    ${'203.0.113.0/24'}   | ${false}
    ${'10.0.0.0/8'}       | ${false}
    ${'100.64.0.0/10'}    | ${false}
    ${'2600::/16'}        | ${true}
    ${'2600::/17'}        | ${false}
    ${'fc00::/7'}         | ${false}
    ${'bogus'}            | ${undefined}
  `('$cidr → $expected', ({ cidr, expected }) => {
    expect(isOpenSource(cidr)).toBe(expected);
  });
});

describe('openIngressRules', () => {
  it('returns one entry per open CIDR with the exact protocol, ports and description', () => {
    const sg = buildSecurityGroup('sg-1', {
      name: 'web',
      ingress: [
        buildPermission({
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipv4Ranges: [{ cidr: '0.0.0.0/0', description: 'ssh' }, { cidr: '10.0.0.0/8' }],
          ipv6Ranges: [{ cidr: '::/0' }],
        }),
        fromCidr('203.0.113.0/24'),
        fromGroup('sg-2'),
        buildPermission({ prefixListIds: [{ prefixListId: 'pl-1' }] }),
        fromCidr('11.0.0.0/8', { protocol: '-1' }),
      ],
    });

    expect(openIngressRules(sg)).toEqual([
      { groupId: 'sg-1', groupName: 'web', protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0', family: 'ipv4', description: 'ssh' },
      { groupId: 'sg-1', groupName: 'web', protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '::/0', family: 'ipv6' },
      { groupId: 'sg-1', groupName: 'web', protocol: '-1', cidr: '11.0.0.0/8', family: 'ipv4' },
    ]);
  });
});

describe('allowsAllTrafficFrom', () => {
  const subnetCidrs = ['10.0.1.0/24', '10.0.2.0/24'];

  it.each`
    name                                            | ingress                                                           | attached              | cidrs          | expected
    ${'all traffic from itself'}                    | ${[fromGroup('sg-1')]}                                            | ${['sg-1']}           | ${subnetCidrs} | ${true}
    ${'all traffic from another attached group'}    | ${[fromGroup('sg-2')]}                                            | ${['sg-1', 'sg-2']}   | ${subnetCidrs} | ${true}
    ${'all traffic from an unattached group'}       | ${[fromGroup('sg-9')]}                                            | ${['sg-1']}           | ${subnetCidrs} | ${false}
    ${'only tcp 22 from itself'}                    | ${[fromGroup('sg-1', { protocol: 'tcp', fromPort: 22, toPort: 22 })]} | ${['sg-1']}      | ${subnetCidrs} | ${false}
    ${'all tcp ports from itself'}                  | ${[fromGroup('sg-1', { protocol: 'tcp', fromPort: 0, toPort: 65535 })]} | ${['sg-1']}    | ${subnetCidrs} | ${false}
    ${'all traffic from a CIDR covering subnets'}   | ${[fromCidr('10.0.0.0/16')]}                                      | ${['sg-1']}           | ${subnetCidrs} | ${true}
    ${'all traffic from two CIDRs, one per subnet'} | ${[fromCidr('10.0.1.0/24'), fromCidr('10.0.2.0/24')]}             | ${['sg-1']}           | ${subnetCidrs} | ${true}
    ${'all traffic from a CIDR covering one subnet'} | ${[fromCidr('10.0.1.0/24')]}                                     | ${['sg-1']}           | ${subnetCidrs} | ${false}
    ${'CIDR rule but subnet CIDRs unknown'}         | ${[fromCidr('10.0.0.0/16')]}                                      | ${['sg-1']}           | ${[]}          | ${false}
    ${'no ingress'}                                 | ${[]}                                                             | ${['sg-1']}           | ${subnetCidrs} | ${false}
  `('$name → $expected', ({ ingress, attached, cidrs, expected }) => {
    expect(allowsAllTrafficFrom(buildSecurityGroup('sg-1', { ingress }), attached, cidrs)).toBe(expected);
  });
});

describe('allowsPeerTraffic', () => {
  it.each`
    name                             | ingress                                                                   | need                                | expected
    ${'UDP 500 by a port range'}     | ${[fromGroup('sg-1', { protocol: 'udp', fromPort: 400, toPort: 600 })]}  | ${{ protocol: 'udp', port: 500 }}   | ${true}
    ${'UDP 500 missing'}             | ${[fromGroup('sg-1', { protocol: 'udp', fromPort: 53, toPort: 53 })]}    | ${{ protocol: 'udp', port: 500 }}   | ${false}
    ${'UDP by number'}               | ${[fromGroup('sg-1', { protocol: '17', fromPort: 500, toPort: 500 })]}   | ${{ protocol: 'udp', port: 500 }}   | ${true}
    ${'ESP by number'}               | ${[fromGroup('sg-1', { protocol: '50' })]}                                | ${{ protocol: 'esp' }}              | ${true}
    ${'all traffic carries ESP'}     | ${[fromGroup('sg-1')]}                                                    | ${{ protocol: 'esp' }}              | ${true}
    ${'tcp does not carry ESP'}      | ${[fromGroup('sg-1', { protocol: 'tcp', fromPort: 0, toPort: 65535 })]}  | ${{ protocol: 'esp' }}              | ${false}
  `('$name → $expected', ({ ingress, need, expected }) => {
    expect(allowsPeerTraffic(buildSecurityGroup('sg-1', { ingress }), ['sg-1'], [], need)).toBe(expected);
  });

  it('checks egress when asked', () => {
    const sg = buildSecurityGroup('sg-1', { egress: [fromCidr('10.0.0.0/16')] });

    expect(allowsPeerTraffic(sg, ['sg-1'], ['10.0.1.0/24'], { protocol: '-1' }, 'egress')).toBe(true);
    expect(allowsPeerTraffic(sg, ['sg-1'], ['10.1.1.0/24'], { protocol: '-1' }, 'egress')).toBe(false);
  });
});

describe('trustNotes', () => {
  it.each`
    name                        | sg                                                                                                                   | expected
    ${'own-account reference'}  | ${buildSecurityGroup('sg-1')}                                                                                         | ${[]}
    ${'cross-account reference'} | ${buildSecurityGroup('sg-1', { ingress: [fromGroup('sg-x', {}, '999988887777')] })}                                  | ${['sg-1 allows inbound all traffic from sg-x in account 999988887777']}
    ${'peering reference'}      | ${buildSecurityGroup('sg-1', { ingress: [buildPermission({ protocol: 'tcp', fromPort: 443, toPort: 443, groupPairs: [{ groupId: 'sg-p', userId: ACCOUNT, vpcPeeringConnectionId: 'pcx-1' }] })] })} | ${['sg-1 allows inbound tcp port 443 from sg-p through VPC peering connection pcx-1']}
    ${'default group'}          | ${buildSecurityGroup('sg-1', { name: 'default' })}                                                                    | ${["sg-1 is the VPC's default security group: everything else launched with it can reach the training instances; prefer a dedicated training security group"]}
    ${'prefix list'}            | ${buildSecurityGroup('sg-1', { ingress: [buildPermission({ prefixListIds: [{ prefixListId: 'pl-1' }] })] })}         | ${['sg-1 allows inbound all traffic from prefix list pl-1; prefix-list contents are not resolved yet, so this entry is not judged']}
  `('$name', ({ sg, expected }) => {
    expect(trustNotes(sg, ACCOUNT)).toEqual(expected);
  });
});

describe('describeTraffic', () => {
  it.each`
    protocol  | fromPort     | toPort       | expected
    ${'-1'}   | ${undefined} | ${undefined} | ${'all traffic'}
    ${'tcp'}  | ${22}        | ${22}        | ${'tcp port 22'}
    ${'tcp'}  | ${8000}      | ${8100}      | ${'tcp ports 8000-8100'}
    ${'udp'}  | ${0}         | ${65535}     | ${'all udp ports'}
    ${'6'}    | ${443}       | ${443}       | ${'tcp port 443'}
    ${'icmp'} | ${-1}        | ${-1}        | ${'icmp'}
    ${'50'}   | ${undefined} | ${undefined} | ${'protocol 50'}
  `('$protocol $fromPort-$toPort → $expected', ({ protocol, fromPort, toPort, expected }) => {
    expect(describeTraffic({ protocol, fromPort, toPort })).toBe(expected);
  });
});

describe('classifySecurityGroup', () => {
  const base = buildNetwork({
    securityGroups: [
      buildSecurityGroup('sg-ok'),
      buildSecurityGroup('sg-open', { ingress: [fromCidr('::/0')] }),
      buildSecurityGroup('sg-odd', { ingress: [fromCidr('not-a-cidr')] }),
    ],
  });
  const network = patchNetwork(base, { securityGroups: { 'sg-denied': denied('ec2:DescribeSecurityGroups', 'sg-denied') } });

  it.each`
    id             | classification  | reason
    ${'sg-ok'}     | ${'restricted'} | ${undefined}
    ${'sg-open'}   | ${'open'}       | ${undefined}
    ${'sg-odd'}    | ${'unknown'}    | ${'sg-odd has an inbound source "not-a-cidr" that cannot be parsed'}
    ${'sg-denied'} | ${'unknown'}    | ${'ec2:DescribeSecurityGroups was denied for sg-denied; grant it to judge this security group'}
    ${'sg-absent'} | ${'unknown'}    | ${'ec2:DescribeSecurityGroups failed for sg-absent: it is not in the collected network snapshot (it was not looked up)'}
  `('$id → $classification', ({ id, classification, reason }) => {
    const result = classifySecurityGroup(id, network);

    expect(result.classification).toBe(classification);
    expect(result.reason).toBe(reason);
  });
});
