import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../errors.js';
import { ClusterScope, DatacenterScope, RackScope } from './routing-scope.js';

describe('routing scopes', () => {
  it('falls back from a rack to its datacenter, then to the cluster', () => {
    const chain = new RackScope('dc1', 'rack1').chain();
    expect(chain.map(String)).toEqual(['rack dc1/rack1', 'datacenter dc1', 'cluster']);
    expect(chain.map(({ datacenter, rack }) => ({ datacenter, rack }))).toEqual([
      { datacenter: 'dc1', rack: 'rack1' },
      { datacenter: 'dc1', rack: undefined },
      { datacenter: undefined, rack: undefined },
    ]);
  });

  it('falls back from a datacenter to the cluster, and from the cluster to nothing', () => {
    expect(new DatacenterScope('dc2').chain().map((scope) => scope.kind)).toEqual([
      'datacenter',
      'cluster',
    ]);
    expect(new ClusterScope().fallback).toBeNull();
    expect(new ClusterScope().chain()).toHaveLength(1);
  });

  it('lets an explicit fallback replace the default chain', () => {
    const rackOrCluster = new RackScope('dc1', 'rack1', new ClusterScope());
    expect(rackOrCluster.chain().map(String)).toEqual(['rack dc1/rack1', 'cluster']);

    const otherDc = new DatacenterScope('dc1', new DatacenterScope('dc2', null));
    expect(otherDc.chain().map(String)).toEqual(['datacenter dc1', 'datacenter dc2']);
  });

  it('has no fallback when given null', () => {
    expect(new RackScope('dc1', 'rack1', null).chain().map(String)).toEqual(['rack dc1/rack1']);
    expect(new DatacenterScope('dc1', null).fallback).toBeNull();
  });

  it('rejects empty names with a ConfigurationError', () => {
    expect(() => new DatacenterScope('')).toThrow(ConfigurationError);
    expect(() => new RackScope('dc1', ' ')).toThrow(/rack name must be a non-empty string/);
  });
});
